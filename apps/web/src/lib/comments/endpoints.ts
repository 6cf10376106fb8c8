import type {
  AddCommentRequest, AnswerCommentRequest, CommentSettingsRequest, CommentSummaryResponse, CommentsView, DraftComment, UpdateCommentRequest,
} from '@hopso/shared/comments';
import type { Member } from '@hopso/shared/member';
import type { MeetingDetail } from '@hopso/shared/meeting';
import { api } from '../api.ts';

const enc = encodeURIComponent;
type CommentAnswer = { ok: true; comment: DraftComment };

/** The calls of docs/api.md "Comments on drafts" (góp ý dự thảo). */
export const commentEndpoints = {
  list: (documentId: string) => api.get<CommentsView>(`/api/documents/${enc(documentId)}/comments`),
  setPeriod: (documentId: string, body: CommentSettingsRequest) => api.put<CommentsView>(`/api/documents/${enc(documentId)}/comment-period`, body),
  add: (documentId: string, body: AddCommentRequest) => api.post<CommentAnswer>(`/api/documents/${enc(documentId)}/comments`, body),
  update: (id: string, body: UpdateCommentRequest) => api.patch<CommentAnswer>(`/api/draft-comments/${enc(id)}`, body),
  withdraw: (id: string) => api.del<{ ok: true }>(`/api/draft-comments/${enc(id)}`),
  answer: (id: string, body: AnswerCommentRequest) => api.put<CommentAnswer>(`/api/draft-comments/${enc(id)}/answer`, body),
  summary: (documentId: string) => api.post<CommentSummaryResponse>(`/api/documents/${enc(documentId)}/comment-summary`),
  /** For the secretariat's choice of the agency's representatives: the council's members who are not delegates. */
  meeting: (meetingId: string) => api.get<{ ok: true; meeting: MeetingDetail }>(`/api/meetings/${enc(meetingId)}`),
  members: (councilId: string) => api.get<{ ok: true; members: Member[] }>(`/api/councils/${enc(councilId)}/members`),
};
