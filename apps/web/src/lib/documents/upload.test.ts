import { describe, expect, it } from 'vitest';
import { uploadUrl, versionUrl } from './upload.ts';

describe('upload URLs', () => {
  it('carry the metadata in the query, leaving out a missing agenda item', () => {
    const url = uploadUrl('m-1', { title: 'Dự toán & kế hoạch', confidentiality: 'public', agendaItemId: null, filename: 'du toan.pdf' });
    const parsed = new URL(url, 'http://x');
    expect(parsed.pathname).toBe('/api/meetings/m-1/documents');
    expect(Object.fromEntries(parsed.searchParams)).toEqual({ title: 'Dự toán & kế hoạch', confidentiality: 'public', filename: 'du toan.pdf' });
  });

  it('include the agenda item when there is one', () => {
    const parsed = new URL(uploadUrl('m', { title: 'T', confidentiality: 'internal', agendaItemId: 'a-1', filename: 'f.pdf' }), 'http://x');
    expect(parsed.searchParams.get('agendaItemId')).toBe('a-1');
  });

  it('name the file of a new version', () => {
    expect(versionUrl('d/1', 'bản 2.pdf')).toBe('/api/documents/d%2F1/versions?filename=b%E1%BA%A3n+2.pdf');
  });
});
