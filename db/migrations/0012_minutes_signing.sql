ALTER TABLE "signing_sessions" ALTER COLUMN "resolution_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "signing_sessions" ADD COLUMN "minutes_meeting_id" uuid;--> statement-breakpoint
ALTER TABLE "minutes" ADD COLUMN "signature_field" jsonb;--> statement-breakpoint
ALTER TABLE "minutes" ADD COLUMN "signer_id" uuid;--> statement-breakpoint
ALTER TABLE "minutes" ADD COLUMN "signed_by" uuid;--> statement-breakpoint
ALTER TABLE "minutes" ADD COLUMN "signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "minutes" ADD COLUMN "signed_sha256" text;--> statement-breakpoint
ALTER TABLE "minutes" ADD COLUMN "sealed_sha256" text;--> statement-breakpoint
ALTER TABLE "signing_sessions" ADD CONSTRAINT "signing_sessions_minutes_meeting_id_minutes_meeting_id_fk" FOREIGN KEY ("minutes_meeting_id") REFERENCES "public"."minutes"("meeting_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_signer_id_users_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes" ADD CONSTRAINT "minutes_sealed_sha256_blobs_sha256_fk" FOREIGN KEY ("sealed_sha256") REFERENCES "public"."blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_sessions" ADD CONSTRAINT "signing_sessions_one_target" CHECK (num_nonnulls("signing_sessions"."resolution_id", "signing_sessions"."minutes_meeting_id") = 1);