CREATE TABLE "supervision_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"topic_id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"public" boolean DEFAULT false NOT NULL,
	"sha256" text NOT NULL,
	"filename" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_members" (
	"topic_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "supervision_members_topic_id_member_id_pk" PRIMARY KEY("topic_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "supervision_recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"topic_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"content" text NOT NULL,
	"addressee" text NOT NULL,
	"due_on" date,
	"status" text DEFAULT 'pending' NOT NULL,
	"progress" text DEFAULT '' NOT NULL,
	"done_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_schedule" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"topic_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"subject" text NOT NULL,
	"activity" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"title" text NOT NULL,
	"scope" text DEFAULT '' NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"findings" text DEFAULT '' NOT NULL,
	"done_on" date,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "supervision_documents" ADD CONSTRAINT "supervision_documents_topic_id_supervision_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."supervision_topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_documents" ADD CONSTRAINT "supervision_documents_sha256_blobs_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_documents" ADD CONSTRAINT "supervision_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_members" ADD CONSTRAINT "supervision_members_topic_id_supervision_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."supervision_topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_members" ADD CONSTRAINT "supervision_members_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_recommendations" ADD CONSTRAINT "supervision_recommendations_topic_id_supervision_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."supervision_topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_schedule" ADD CONSTRAINT "supervision_schedule_topic_id_supervision_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."supervision_topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_topics" ADD CONSTRAINT "supervision_topics_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_topics" ADD CONSTRAINT "supervision_topics_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supervision_documents_topic_idx" ON "supervision_documents" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "supervision_recommendations_topic_idx" ON "supervision_recommendations" USING btree ("topic_id","position");--> statement-breakpoint
CREATE INDEX "supervision_schedule_topic_idx" ON "supervision_schedule" USING btree ("topic_id","starts_at");--> statement-breakpoint
CREATE INDEX "supervision_topics_council_idx" ON "supervision_topics" USING btree ("council_id","status");