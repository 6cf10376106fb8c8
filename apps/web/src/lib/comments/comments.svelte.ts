import { groupComments, type AddCommentRequest, type AnswerCommentRequest, type CommentsView, type DraftComment } from '@hopso/shared/comments';
import type { MeetingDocument } from '@hopso/shared/document';
import { commentEndpoints } from './endpoints.ts';

/**
 * The comments of one draft as the viewer's "Góp ý" panel shows them: loaded once, then changed by each action
 * with the server's answer (no guessing), grouped by version, page and section (shared groupComments).
 */
export class CommentStore {
  readonly documentId: string;
  view = $state<CommentsView | null>(null);
  error = $state<unknown>(null);
  /** The summary document just made, to link to it. */
  summary = $state<MeetingDocument | null>(null);
  readonly groups = $derived(groupComments(this.view?.comments ?? []));

  constructor(documentId: string) {
    this.documentId = documentId;
  }

  load = async (): Promise<void> => {
    this.error = null;
    try {
      this.view = await commentEndpoints.list(this.documentId);
    } catch (err) {
      this.error = err;
    }
  };

  private replace(comment: DraftComment): void {
    if (!this.view) return;
    const list = this.view.comments;
    const i = list.findIndex((c) => c.id === comment.id);
    this.view.comments = i < 0 ? [...list, comment] : list.map((c) => (c.id === comment.id ? comment : c));
  }

  async add(body: AddCommentRequest): Promise<void> {
    this.replace((await commentEndpoints.add(this.documentId, body)).comment);
  }

  async edit(id: string, text: string): Promise<void> {
    this.replace((await commentEndpoints.update(id, { text })).comment);
  }

  async withdraw(id: string): Promise<void> {
    await commentEndpoints.withdraw(id);
    if (this.view) this.view.comments = this.view.comments.filter((c) => c.id !== id);
  }

  async answer(id: string, body: AnswerCommentRequest): Promise<void> {
    this.replace((await commentEndpoints.answer(id, body)).comment);
  }

  async setPeriod(closesAt: string, agencyName: string, agentUserIds: string[]): Promise<void> {
    this.view = await commentEndpoints.setPeriod(this.documentId, { closesAt, agencyName, agentUserIds });
  }

  async makeSummary(): Promise<void> {
    this.summary = (await commentEndpoints.summary(this.documentId)).document;
    await this.load();
  }
}
