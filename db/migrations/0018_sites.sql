CREATE TABLE "meeting_sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"name" text NOT NULL,
	"secretary_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_sites_name" UNIQUE("meeting_id","name")
);
--> statement-breakpoint
ALTER TABLE "attendance" ADD COLUMN "site_id" uuid;--> statement-breakpoint
ALTER TABLE "meeting_sites" ADD CONSTRAINT "meeting_sites_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_sites" ADD CONSTRAINT "meeting_sites_secretary_id_users_id_fk" FOREIGN KEY ("secretary_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_sites_meeting_idx" ON "meeting_sites" USING btree ("meeting_id","position");--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_site_id_meeting_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."meeting_sites"("id") ON DELETE set null ON UPDATE no action;