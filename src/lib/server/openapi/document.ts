// OpenAPI 3.1 description of /api/v1 (DESIGN.md "HTTP API"). Enumerations come from the domain so the
// document cannot drift from what the server accepts.
import { ACTIONS, DISTRICT_DEPARTMENTS, OPINIONS, STAGES } from '$lib/domain/workflow-model.ts';
import { DOCUMENT_KINDS } from '$lib/domain/paths.ts';
import { LAND_TYPES } from '$lib/domain/land-types.ts';
import { AUTHORITIES } from '$lib/domain/authorities.ts';
import { FINDINGS, MEASURES, MILESTONES } from '$lib/domain/tracking.ts';
import { FIELD_LABELS } from '$lib/domain/application.ts';
import type { ApiScope } from '$lib/domain/api-scopes.ts';
import { MAX_UPLOAD_BYTES } from '$lib/server/storage/uploads.ts';

const tok = (scope: ApiScope) => ({ security: [{ session: [] }, { bearer: [scope] }] });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const jsonBody = (schema: object) => ({ required: true, content: { 'application/json': { schema } } });
const ok = (description: string, schema: object = { type: 'object' }) => ({ description, content: { 'application/json': { schema } } });
const err = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const COMMON = { '401': err('Not logged in'), '400': err('Bad input (malformed JSON, invalid fields)') };
const upload = (extra: Record<string, object>) => ({
  required: true,
  content: {
    'multipart/form-data': {
      schema: { type: 'object', properties: { file: { type: 'array', items: { type: 'string', format: 'binary' } }, ...extra }, required: ['file'] }
    }
  }
});

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'zeroland API',
      version: '1',
      description:
        '上海市规划产业区块外零增地技术改造优质项目认定平台. Session cookie auth (POST /api/v1/session). Errors are {error:{code,message}} ' +
        'with the message in the Accept-Language language (zh default, en). Uploads are limited to ' + `${MAX_UPLOAD_BYTES / 1048576} MB (413).`
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'zl_session', description: 'POST /api/v1/session sets it (people)' },
        bearer: { type: 'http', scheme: 'bearer', description: 'API token of a service account (zlt_…), issued by the administrator; its scope is named per operation, its role and district apply as for a person' }
      },
      schemas: {
        Error: { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, required: ['code', 'message'] } } },
        Form: { type: 'object', description: '零增地技术改造项目申请表; drafts accept any subset', properties: Object.fromEntries(Object.entries(FIELD_LABELS).map(([k, l]) => [k, { description: `${l.zh} / ${l.en}` }])) },
        Clock: {
          type: ['object', 'null'],
          properties: { state: { enum: ['not_started', 'running', 'paused', 'stopped'] }, startedOn: { type: 'string', format: 'date' }, dueDate: { type: ['string', 'null'], format: 'date' }, usedDays: { type: 'integer' }, remainingDays: { type: 'integer' }, overdue: { type: 'boolean' }, late: { type: 'boolean' }, provisional: { type: 'boolean' }, pausedDays: { type: 'integer' } }
        },
        ProjectSummary: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' }, code: { type: 'string', example: 'ZL-2026-0001' }, title: { type: 'string' }, enterpriseName: { type: 'string' },
            authorityCode: { enum: [...AUTHORITIES.map((a) => a.code), null] }, stage: { enum: STAGES }, landType: { enum: [...LAND_TYPES, null] },
            submittedAt: { type: ['string', 'null'], format: 'date-time' }, clock: ref('Clock'), updatedAt: { type: 'string', format: 'date-time' }, version: { type: 'integer' }
          }
        },
        ProjectView: {
          allOf: [ref('ProjectSummary'), {
            type: 'object',
            properties: {
              form: ref('Form'), parcel: { type: ['object', 'null'], description: 'geometry: GeoJSON MultiPolygon EPSG:4490; areaM2; sourceCrs; sourceName' },
              classification: { type: ['object', 'null'] }, files: { type: 'object', additionalProperties: { type: 'array' } }, events: { type: 'array' },
              workflow: { type: 'object' }, availableActions: { type: 'array' }, missingDocuments: { type: 'array' }, submitProblems: { type: 'array' }, canEdit: { type: 'boolean' }, tracking: { type: 'object' }
            }
          }]
        },
        Action: {
          type: 'object',
          required: ['action', 'expectedVersion'],
          properties: {
            action: { enum: ACTIONS }, expectedVersion: { type: 'integer', description: 'the version you saw; another version → 409' }, comment: { type: 'string' },
            opinion: { enum: OPINIONS }, departments: { type: 'array', items: { enum: DISTRICT_DEPARTMENTS } }, documentId: { type: 'string', format: 'uuid' }, override: { type: 'boolean' }
          }
        }
      }
    },
    security: [{ session: [] }],
    paths: {
      '/api/v1/projects': {
        get: { ...tok('projects:read'),
          summary: 'Projects the caller may see',
          parameters: ['authority', 'stage', 'landType', 'overdue', 'q'].map((name) => ({ name, in: 'query', schema: { type: 'string' } })),
          responses: { '200': ok('List', { type: 'object', properties: { projects: { type: 'array', items: ref('ProjectSummary') } } }), ...COMMON }
        },
        post: { ...tok('projects:write'),
          summary: 'Create an application (enterprise; or district industry department, optionally onBehalfOf an enterprise account)',
          requestBody: jsonBody({ type: 'object', properties: { title: { type: 'string' }, form: ref('Form'), onBehalfOf: { type: 'string' } } }),
          responses: { '201': ok('Created', { type: 'object', properties: { id: { type: 'string' }, code: { type: 'string' } } }), '403': err('Role may not create'), ...COMMON }
        }
      },
      '/api/v1/projects/{id}': {
        parameters: [idParam],
        get: { ...tok('projects:read'), summary: 'One project with events, clock, classification and available actions', responses: { '200': ok('Project', ref('ProjectView')), '404': err('Not found or not visible (same answer)'), ...COMMON } },
        put: { ...tok('projects:write'),
          summary: 'Save the draft form (draft or returned only)',
          requestBody: jsonBody({ type: 'object', required: ['form', 'expectedVersion'], properties: { form: ref('Form'), expectedVersion: { type: 'integer' }, title: { type: 'string' } } }),
          responses: { '200': ok('Saved', { type: 'object', properties: { version: { type: 'integer' } } }), '403': err('Not the applicant'), '404': err('Not found'), '409': err('Stale version or not editable'), ...COMMON }
        }
      },
      '/api/v1/projects/{id}/boundary': {
        parameters: [idParam],
        put: { ...tok('projects:write'),
          summary: 'Upload the parcel boundary: parsed, reprojected to EPSG:4490, validated, stored and classified',
          requestBody: upload({ crs: { type: 'string' }, layer: { type: 'string' }, encoding: { type: 'string' }, featureIndex: { type: 'string', description: '"0" or "0,2"' } }),
          responses: { '200': ok('Parcel, classification, inspect report'), '413': err('Upload too large'), '409': err('Not editable'), ...COMMON }
        }
      },
      '/api/v1/projects/{id}/files': {
        parameters: [idParam],
        post: { ...tok('projects:write'),
          summary: 'Attach a document',
          requestBody: upload({ kind: { enum: DOCUMENT_KINDS.filter((k) => k !== 'boundary') } }),
          responses: { '201': ok('Stored file'), '403': err('May not attach this kind'), '413': err('Upload too large'), ...COMMON }
        }
      },
      '/api/v1/projects/{id}/actions': {
        parameters: [idParam],
        post: { ...tok('workflow:act'),
          summary: 'Workflow transition',
          requestBody: jsonBody(ref('Action')),
          responses: { '200': ok('New state'), '403': err('Role or district may not'), '404': err('Not found or not visible'), '409': err('Stage/path does not allow it, or someone acted first'), ...COMMON }
        }
      },
      '/api/v1/projects/{id}/tracking/{kind}': {
        parameters: [idParam, { name: 'kind', in: 'path', required: true, schema: { enum: ['milestones', 'findings', 'measures'] } }],
        post: { ...tok('tracking:write'),
          summary: '产业项目跟踪 record',
          requestBody: jsonBody({
            oneOf: [
              { type: 'object', required: ['milestone', 'date'], properties: { milestone: { enum: MILESTONES }, date: { type: 'string', format: 'date' }, documentId: { type: 'string' }, department: { type: 'string' }, result: { enum: ['pass', 'fail'] }, note: { type: 'string' } } },
              { type: 'object', required: ['kind', 'date', 'description'], properties: { kind: { enum: FINDINGS }, date: { type: 'string', format: 'date' }, description: { type: 'string' }, documentId: { type: 'string' } } },
              { type: 'object', required: ['kind', 'findingId', 'date', 'department'], properties: { kind: { enum: MEASURES }, findingId: { type: 'string' }, date: { type: 'string', format: 'date' }, department: { type: 'string' }, documentId: { type: 'string' }, note: { type: 'string' } } }
            ]
          }),
          responses: { '201': ok('Recorded'), '403': err('Role may not record it'), '409': err('Not tracked, already recorded or out of order'), ...COMMON }
        }
      },
      '/api/v1/projects/{id}/contract': {
        parameters: [idParam],
        put: { ...tok('tracking:write'),
          summary: '土地出让合同履约条款 (district lead): plot ratio range, investment intensity, output/tax per mu, start/completion/full-production dates, contract document',
          requestBody: jsonBody({ type: 'object', required: ['fullProductionBy', 'documentId'], properties: { contractNo: { type: 'string' }, plotRatioMin: { type: 'number' }, plotRatioMax: { type: 'number' }, investmentIntensity: { type: 'number' }, outputPerMu: { type: 'number' }, taxPerMu: { type: 'number' }, startBy: { type: 'string', format: 'date' }, completeBy: { type: 'string', format: 'date' }, fullProductionBy: { type: 'string', format: 'date' }, documentId: { type: 'string' } } }),
          responses: { '200': ok('{terms, revision}'), '403': err('Role may not'), '409': err('Not recognised'), ...COMMON }
        }
      },
      '/api/v1/projects/{id}/performance/{year}': {
        parameters: [idParam, { name: 'year', in: 'path', required: true, schema: { type: 'integer' } }],
        put: { ...tok('tracking:write'), summary: 'Yearly figures (enterprise enters, district lead enters confirmed)', requestBody: jsonBody({ type: 'object', properties: { taxWan: { type: 'number' }, outputWan: { type: 'number' }, investmentWan: { type: 'number' }, employees: { type: 'integer' } } }), responses: { '200': ok('Record'), '409': err('Already confirmed'), ...COMMON } }
      },
      '/api/v1/projects/{id}/performance/{year}/confirm': {
        parameters: [idParam, { name: 'year', in: 'path', required: true, schema: { type: 'integer' } }],
        post: { ...tok('tracking:write'), summary: 'District lead confirms the enterprise’s figures', responses: { '200': ok('Record'), '403': err('Not the district lead'), ...COMMON } }
      },
      '/api/v1/performance/template.xlsx': { get: { ...tok('tracking:write'), summary: 'Yearly figures xlsx template (district lead)', responses: { '200': { description: 'xlsx' }, ...COMMON } } },
      '/api/v1/performance/import': {
        post: { ...tok('tracking:write'), summary: 'Import the filled template: all rows or none', requestBody: upload({}), responses: { ...COMMON, '201': ok('{imported, projects}'), '400': err('Bad rows, each with its row number and reason') } }
      },
      '/api/v1/projects/{id}/asbuilt': {
        parameters: [idParam],
        get: { ...tok('projects:read'), summary: 'Current as-built survey: figures, buildings with their encroaching parts, the parcel', responses: { '200': ok('{survey, buildings, parcel}'), ...COMMON } },
        put: { ...tok('tracking:write'),
          summary: 'Upload the 竣工测绘 (DXF, DWG, Shapefile): encroachment beyond the survey tolerance, plot ratio, coverage',
          requestBody: upload({ crs: { type: 'string' }, layer: { type: 'string' }, encoding: { type: 'string' }, toleranceM: { type: 'number' } }),
          responses: { ...COMMON, '201': ok('{survey, buildings, inspect}'), '400': err('Unreadable file or a footprint without floors / floor area') }
        }
      },
      '/api/v1/projects/{id}/asbuilt/signoff': {
        parameters: [idParam],
        post: { ...tok('workflow:act'), summary: '规划核实 sign-off by the city planning bureau (二.4)', requestBody: jsonBody({ type: 'object', required: ['result'], properties: { result: { enum: ['pass', 'fail'] }, reason: { type: 'string' }, surveyId: { type: 'string' } } }), responses: { '200': ok('Survey'), '403': err('Not the planning bureau'), '409': err('Already signed or no survey'), ...COMMON } }
      },
      '/api/v1/projects/{id}/compliance': {
        parameters: [idParam],
        get: { ...tok('projects:read'), summary: '履约 / 申报不实 / 零增地 checks with proposed findings and milestone due dates', responses: { '200': ok('{terms, performance, survey, checks, compliance, proposals, schedule}'), ...COMMON } },
        post: { ...tok('workflow:act'), summary: 'City confirms or dismisses a proposed finding (二.5)', requestBody: jsonBody({ type: 'object', required: ['key', 'decision'], properties: { key: { type: 'string' }, decision: { enum: ['confirm', 'dismiss'] }, reason: { type: 'string' } } }), responses: { '201': ok('{key, decision, findingId}'), '403': err('Not the deciding city department'), '409': err('Already decided or no longer proposed'), ...COMMON } }
      },
      '/api/v1/files/{id}': {
        parameters: [idParam],
        get: { ...tok('projects:read'), summary: 'Download a file (permission follows its project)', responses: { '200': { description: 'The bytes', content: { 'application/octet-stream': {} } }, '404': err('Not found or not allowed'), ...COMMON } }
      },
      '/api/v1/inbox': { get: { ...tok('projects:read'), summary: 'What waits for the caller now (overdue first; late tracking milestones for district leads)', responses: { '200': ok('Items'), ...COMMON } } },
      '/api/v1/calendar': {
        get: { ...tok('projects:read'), summary: 'Holidays and make-up working days of a year', parameters: [{ name: 'year', in: 'query', schema: { type: 'integer' } }], responses: { '200': ok('Year'), ...COMMON } }
      },
      '/api/v1/calendar/{date}': {
        parameters: [{ name: 'date', in: 'path', required: true, schema: { type: 'string', format: 'date' } }],
        put: {
          summary: 'Set or clear one day (administrators)',
          requestBody: jsonBody({ type: 'object', properties: { kind: { enum: ['holiday', 'workday', null] }, name: { type: 'string' }, nameEn: { type: 'string' }, publishYear: { type: 'boolean' } } }),
          responses: { '200': ok('Year'), '403': err('Not an administrator'), ...COMMON }
        }
      },
      '/api/v1/boundaries/inspect': {
        post: { ...tok('projects:write'),
          summary: 'Inspect a boundary file without storing it (the CLI inspect JSON)',
          requestBody: upload({ crs: { type: 'string' }, layer: { type: 'string' }, encoding: { type: 'string' } }),
          responses: { '200': ok('{source, features, layers?, decisions, warnings, errors}'), '413': err('Upload too large'), ...COMMON }
        }
      },
      '/api/v1/health': { get: { security: [], summary: 'Health', responses: { '200': ok('{status, db, postgis}') } } },
      '/api/v1/session': {
        post: { security: [], summary: 'Log in', requestBody: jsonBody({ type: 'object', properties: { username: { type: 'string' }, password: { type: 'string' } } }), responses: { '200': ok('Session user'), '401': err('Wrong username or password') } },
        delete: { summary: 'Log out', responses: { '200': ok('Logged out') } }
      },
      '/api/v1/layers': { get: { ...tok('layers:read'), summary: 'Zoning layers and their current versions', responses: { '200': ok('Layers'), ...COMMON } } }
    }
  };
}
