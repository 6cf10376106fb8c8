-- One source of truth for the send-ahead period: the rule set. A council's old column value is carried into
-- its rules where the rules do not already say it (a value set in the rules has always taken precedence).
UPDATE "councils" SET "rules" = (CASE WHEN jsonb_typeof("rules") = 'object' THEN "rules" ELSE '{}'::jsonb END)
  || jsonb_build_object('sendAheadDays', "send_ahead_days")
  WHERE jsonb_typeof("rules") IS DISTINCT FROM 'object' OR "rules"->'sendAheadDays' IS NULL;--> statement-breakpoint
ALTER TABLE "councils" DROP COLUMN "send_ahead_days";
