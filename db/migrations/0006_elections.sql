CREATE TABLE "secret_option_counts" (
	"poll_id" uuid NOT NULL,
	"option_id" text NOT NULL,
	"value" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "secret_option_counts_poll_id_option_id_value_pk" PRIMARY KEY("poll_id","option_id","value")
);
--> statement-breakpoint
ALTER TABLE "polls" ADD COLUMN "options" jsonb;--> statement-breakpoint
ALTER TABLE "polls" ADD COLUMN "seats" integer;--> statement-breakpoint
ALTER TABLE "secret_option_counts" ADD CONSTRAINT "secret_option_counts_poll_id_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."polls"("id") ON DELETE cascade ON UPDATE no action;