CREATE TABLE "petition_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"petition_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"bytes" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_intake_hits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"keywords" jsonb NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_settings" (
	"council_id" uuid PRIMARY KEY NOT NULL,
	"require_name" boolean NOT NULL,
	"require_contact" boolean NOT NULL,
	"answer_days" integer NOT NULL,
	"intake_open" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"council_id" uuid NOT NULL,
	"code" text NOT NULL,
	"channel" text NOT NULL,
	"external_ref" text,
	"submitter_name" text,
	"submitter_contact" text,
	"locality" text NOT NULL,
	"content" text NOT NULL,
	"field" text,
	"agency" text,
	"status" text DEFAULT 'received' NOT NULL,
	"merged_into" uuid,
	"closed_reason" text,
	"deadline" date,
	"answer" text,
	"summary" text,
	"meeting_id" uuid,
	"created_by" uuid,
	"received_at" timestamp with time zone NOT NULL,
	"classified_at" timestamp with time zone,
	"assigned_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "petitions_code_unique" UNIQUE("code"),
	CONSTRAINT "petitions_external_ref" UNIQUE("council_id","channel","external_ref")
);
--> statement-breakpoint
ALTER TABLE "petition_attachments" ADD CONSTRAINT "petition_attachments_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_rules" ADD CONSTRAINT "petition_rules_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_settings" ADD CONSTRAINT "petition_settings_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_merged_into_petitions_id_fk" FOREIGN KEY ("merged_into") REFERENCES "public"."petitions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petitions" ADD CONSTRAINT "petitions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "petition_attachments_petition_idx" ON "petition_attachments" USING btree ("petition_id");--> statement-breakpoint
CREATE INDEX "petition_intake_hits_source_idx" ON "petition_intake_hits" USING btree ("source","at");--> statement-breakpoint
CREATE INDEX "petition_rules_council_idx" ON "petition_rules" USING btree ("council_id","position");--> statement-breakpoint
CREATE INDEX "petitions_council_status_idx" ON "petitions" USING btree ("council_id","status");--> statement-breakpoint
CREATE INDEX "petitions_council_received_idx" ON "petitions" USING btree ("council_id","received_at");--> statement-breakpoint
CREATE INDEX "petitions_council_published_idx" ON "petitions" USING btree ("council_id","published_at");--> statement-breakpoint
CREATE INDEX "petitions_merged_into_idx" ON "petitions" USING btree ("merged_into");