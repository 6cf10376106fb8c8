import { describe, expect, it } from 'vitest';
import type { RecordingView } from '@hopso/shared/record';
import { recordingBody, recordingForm } from './form.ts';

const a = '11111111-1111-4111-8111-111111111111';
const b = '22222222-2222-4222-8222-222222222222';

describe('recording form', () => {
  it('fills only the manual offsets of an existing recording, in Vietnam time', () => {
    const r: RecordingView = {
      id: 'r', title: 'Phiên sáng', url: 'https://v.example.vn/a.mp4', startedAt: '2026-12-15T01:00:00.000Z', durationSeconds: 5400,
      items: [{ agendaItemId: a, title: '1', offsetSeconds: 300, source: 'auto' }, { agendaItemId: b, title: '2', offsetSeconds: 3725, source: 'manual' }],
    };
    expect(recordingForm(r)).toEqual({ title: 'Phiên sáng', url: 'https://v.example.vn/a.mp4', startedAt: '2026-12-15T08:00', durationMinutes: '90', offsets: { [b]: '1:02:05' } });
  });

  it('builds the body with seconds, leaving empty offsets automatic, and names invalid ones', () => {
    const values = { title: ' Phiên chiều ', url: 'https://v.example.vn/b.mp4', startedAt: '2026-12-15T13:30', durationMinutes: '', offsets: { [a]: '', [b]: '10:00' } };
    expect(recordingBody(values)).toEqual({ body: { title: 'Phiên chiều', url: 'https://v.example.vn/b.mp4', startedAt: '2026-12-15T13:30:00+07:00', durationSeconds: null, offsets: { [b]: 600 } } });
    expect(recordingBody({ ...values, offsets: { [a]: '9:99' } })).toEqual({ invalid: [a] });
  });
});
