import { eq } from 'drizzle-orm';
import { supervisionTopics } from '@hopso/db/schema/index';
import { vietnamToday } from '@hopso/shared/supervision';
import { AppError } from '../http/errors.ts';
import { idParam, type AppContext } from '../http/context.ts';
import { authorizeCouncil } from '../councils/access.ts';
import type { AuthUser } from '../auth/session.ts';
import type { TopicRow } from './service.ts';

/**
 * Loads the topic named by `:topicId` through its council: `read` and `manage` follow the permission table
 * (supervision.read / supervision.manage). Without a session a missing topic is 401, like any private route.
 */
export async function loadTopic(c: AppContext, need: 'read' | 'manage'): Promise<{ topic: TopicRow; user: AuthUser; today: string }> {
  const id = idParam(c, 'topicId');
  const [topic] = await c.var.deps.db.select().from(supervisionTopics).where(eq(supervisionTopics.id, id));
  if (!topic) throw new AppError(c.get('user') ? 'not_found' : 'unauthenticated');
  const { user } = await authorizeCouncil(c, need === 'manage' ? 'supervision.manage' : 'supervision.read', topic.councilId);
  return { topic, user, today: vietnamToday(c.var.deps.now()) };
}
