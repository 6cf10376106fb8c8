ALTER TABLE "polls" ADD COLUMN "paper_record" jsonb;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "question_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "question_ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "question_limit_seconds" integer;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "answer_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "answer_ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "questions" ADD COLUMN "answer_limit_seconds" integer;