import { Hono } from 'hono';
import { asciiFileName, attachment, sendPdf } from '../http/download.ts';
import { idParam, type AppEnv } from '../http/context.ts';
import { loadMeeting } from '../meetings/access.ts';
import { audited } from '../audit/log.ts';
import { zipStream, type ZipEntry } from '../exports/zip.ts';
import { buildPrintPack, packPeople, packPerson } from './pack.ts';

// /api/meetings/:meetingId/print-pack… — the paper fallback packs, for those who manage the meeting (the
// secretariat console): one delegate's PDF, or every invitee's in a ZIP. They hold internal documents, so
// each download is audited like the download of an internal document.

export const printPackRoutes = new Hono<AppEnv>()
  .get('/:meetingId/print-pack.zip', async (c) => {
    const { meeting, user } = await loadMeeting(c, idParam(c, 'meetingId'), 'manage');
    const deps = c.var.deps;
    const people = await packPeople(deps.db, meeting);
    await audited(deps.db, async () => {}, { action: 'printPack.downloaded', actorId: user.id, meetingId: meeting.id, targetType: 'meeting', targetId: meeting.id, details: { all: true, count: people.length } });
    // One pack built at a time, as the ZIP is read; PDFs are stored (already compressed), not deflated again.
    async function* entries(): AsyncIterable<ZipEntry> {
      for (const [i, person] of people.entries()) {
        const bytes = await buildPrintPack(deps, meeting, person);
        yield { name: `${String(i + 1).padStart(3, '0')}-${asciiFileName(person.fullName)}.pdf`, data: (async function* () { yield bytes; })() };
      }
    }
    return c.body(zipStream(entries()), 200, { 'Content-Type': 'application/zip', 'Content-Disposition': attachment(`Bo-tai-lieu-giay-${meeting.title}.zip`) });
  })
  .get('/:meetingId/print-pack/:userId', async (c) => {
    const { meeting, user } = await loadMeeting(c, idParam(c, 'meetingId'), 'manage');
    const person = await packPerson(c.var.deps.db, meeting, idParam(c, 'userId'));
    const bytes = await buildPrintPack(c.var.deps, meeting, person);
    await audited(c.var.deps.db, async () => {}, { action: 'printPack.downloaded', actorId: user.id, meetingId: meeting.id, targetType: 'user', targetId: person.id, details: { fullName: person.fullName } });
    return sendPdf(c, bytes, { name: `Bo-tai-lieu-giay-${person.fullName}.pdf` });
  });
