import { z } from 'zod';
import { resolutionSchema } from '@hopso/shared/resolution';
import { publicCouncil, publicDocument, publicListQuery, publicMeeting, publicResolution } from '@hopso/shared/portal';
import { publicRecommendation, publicSupervisionDocument, publicSupervisionTopic } from '@hopso/shared/supervision';
import { publicPetition } from '@hopso/shared/petitions';

// The OpenAPI 3.1 description of the open data API (/api/public/…). Its schemas are generated from the same
// zod schemas the routes answer with (zod's own JSON Schema 2020-12 output, which OpenAPI 3.1 uses as is);
// only the list of paths is written here.

const ok = z.literal(true);
export const responses = {
  CouncilList: z.object({ ok, councils: z.array(publicCouncil) }),
  MeetingList: z.object({ ok, meetings: z.array(publicMeeting) }),
  MeetingDetail: z.object({ ok, meeting: publicMeeting, documents: z.array(publicDocument) }),
  DocumentList: z.object({ ok, documents: z.array(publicDocument) }),
  ResolutionDetail: z.object({ ok, resolution: publicResolution }),
  ResolutionArchive: z.object({ ok, resolutions: z.array(resolutionSchema) }),
  SupervisionList: z.object({ ok, topics: z.array(publicSupervisionTopic) }),
  SupervisionDetail: z.object({ ok, topic: publicSupervisionTopic }),
  PetitionList: z.object({ ok, petitions: z.array(publicPetition) }),
};

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const schema of [publicCouncil, publicMeeting, publicDocument, publicResolution, publicSupervisionTopic, publicRecommendation, publicSupervisionDocument, publicPetition]) registry.add(schema, { id: schema.meta()!.id as string });
  for (const [id, schema] of Object.entries(responses)) registry.add(schema, { id });
  registry.add(resolutionSchema, { id: 'Resolution' });
  const { schemas } = z.toJSONSchema(registry, { target: 'draft-2020-12', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
  for (const s of Object.values(schemas)) delete (s as { $schema?: string }).$schema;
  return schemas;
}

const id = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string', format: 'uuid' } });
const councilId = id('councilId', 'Council id (GET /api/public/councils)');
const listParams = Object.entries((z.toJSONSchema(publicListQuery, { io: 'input' }) as { properties: Record<string, unknown> }).properties)
  .map(([name, schema]) => ({ name, in: 'query', required: false, schema }));
const json = (ref: string, description: string) => ({ description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } } });
const csv = (description: string) => ({ description, content: { 'text/csv': { schema: { type: 'string' } } } });
const pdf = { description: 'The PDF file', content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } } };
const notFound = { description: 'Not found or not published', content: { 'application/json': { schema: { type: 'object', properties: { ok: { const: false }, code: { type: 'string' }, message: { type: 'string' } } } } } };
const get = (summary: string, parameters: unknown[], ok200: unknown) => ({ get: { summary, parameters, responses: { 200: ok200, 404: notFound } } });

let cached: object | null = null;
export function openApiDocument(): object {
  return cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'Họp Số — dữ liệu mở / open data', version: '1.0.0',
      description: 'Read-only, no login. Only published content: public meetings (not closed sittings), their `public` documents, published resolutions, published supervision results with their public documents, and published voters’ petitions with their answers (never who sent them). CSV files are UTF-8 with a byte order mark.',
    },
    paths: {
      '/api/public/councils': get('Councils', [], json('CouncilList', 'Every council')),
      '/api/public/councils.csv': get('Councils (CSV)', [], csv('Every council')),
      '/api/public/councils/{councilId}/meetings': get('Public meetings, newest first', [councilId, ...listParams], json('MeetingList', 'Public meetings')),
      '/api/public/councils/{councilId}/meetings.csv': get('Public meetings (CSV)', [councilId, ...listParams], csv('Public meetings')),
      '/api/public/councils/{councilId}/documents': get('Public documents of public meetings', [councilId, ...listParams], json('DocumentList', 'Document metadata')),
      '/api/public/councils/{councilId}/documents.csv': get('Public documents (CSV)', [councilId, ...listParams], csv('Document metadata')),
      '/api/public/councils/{councilId}/resolutions': get('Published resolutions (archive search: q, from, to)', [councilId], json('ResolutionArchive', 'Published resolutions')),
      '/api/public/councils/{councilId}/resolutions.csv': get('Published resolutions (CSV)', [councilId, ...listParams], csv('Published resolutions')),
      '/api/public/meetings/{meetingId}': get('A public meeting with its public documents', [id('meetingId', 'Meeting id')], json('MeetingDetail', 'The meeting')),
      '/api/public/documents/{documentId}/file': get('A public document’s current PDF', [id('documentId', 'Document id')], pdf),
      '/api/public/resolutions/{resolutionId}': get('A published resolution', [id('resolutionId', 'Resolution id')], json('ResolutionDetail', 'The resolution')),
      '/api/public/resolutions/{resolutionId}/file': get('A published resolution’s signed PDF', [id('resolutionId', 'Resolution id')], pdf),
      '/api/public/councils/{councilId}/supervision': get('Published supervision results, newest first', [councilId, ...listParams], json('SupervisionList', 'Published supervision topics')),
      '/api/public/councils/{councilId}/supervision.csv': get('Published supervision topics (CSV)', [councilId, ...listParams], csv('One row per topic')),
      '/api/public/councils/{councilId}/supervision-recommendations.csv': get('Recommendations of published supervision topics and their follow-up (CSV)', [councilId, ...listParams], csv('One row per recommendation')),
      '/api/public/supervision/{topicId}': get('A published supervision topic', [id('topicId', 'Supervision topic id')], json('SupervisionDetail', 'The topic')),
      '/api/public/supervision-documents/{documentId}/file': get('A public document of a published supervision topic', [id('documentId', 'Document id')], pdf),
      '/api/public/councils/{councilId}/petitions': get('Published voters’ petitions with their answers, latest first', [councilId, ...listParams], json('PetitionList', 'Published petitions')),
      '/api/public/councils/{councilId}/petitions.csv': get('Published voters’ petitions (CSV)', [councilId, ...listParams], csv('One row per petition')),
    },
    components: { schemas: componentSchemas() },
  };
}
