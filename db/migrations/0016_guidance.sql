ALTER TABLE "users" ADD COLUMN "tour_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "rehearsal" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "rehearsal_of" uuid;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_rehearsal_of_meetings_id_fk" FOREIGN KEY ("rehearsal_of") REFERENCES "public"."meetings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Accounts from before the tour already use the tablet: the tour is for the ones created from now on.
UPDATE "users" SET "tour_seen_at" = now();