// OpenAPI 3.1 description of the whole /api/v1 (DESIGN.md "HTTP API", issue 17.2). Enumerations come from the
// domain so the document cannot drift from what the server accepts; test/unit/http/openapi-coverage.test.ts
// fails when a route has no description here, and the API tests validate real answers against it. Each
// operation's `security` also decides what an API token may call (server/auth/bearer.ts).
import { ACTIONS, DISTRICT_DEPARTMENTS, OPINIONS, STAGES } from '$lib/domain/workflow-model.ts';
import { LAND_TYPES } from '$lib/domain/land-types.ts';
import { AUTHORITIES } from '$lib/domain/authorities.ts';
import { FIELD_LABELS } from '$lib/domain/application.ts';
import { ROLES } from '$lib/domain/roles.ts';
import { API_SCOPES, SCOPE_LABELS } from '$lib/domain/api-scopes.ts';
import { MAX_UPLOAD_BYTES } from '$lib/server/storage/uploads.ts';
import { anyObject, arrayOf, bool, date, dateTime, int, nullable, num, obj, ref, str, uuid } from './helpers.ts';
import { projectPaths } from './paths-projects.ts';
import { aftercarePaths } from './paths-aftercare.ts';
import { servicePaths } from './paths-service.ts';
import { moreServicePaths } from './paths-more.ts';

const label = obj({ zh: str, en: str });

const schemas = {
  Error: obj({ error: obj({ code: str, message: str }) }),
  Label: label,
  Form: {
    type: 'object',
    description: '零增地技术改造项目申请表; drafts accept any subset',
    properties: Object.fromEntries(
      Object.entries(FIELD_LABELS).map(([k, l]) => [k, { description: `${l.zh} / ${l.en}` }])
    )
  },
  Clock: {
    type: ['object', 'null'],
    properties: {
      state: { enum: ['not_started', 'running', 'paused', 'stopped'] },
      startedOn: date,
      dueDate: nullable(date),
      usedDays: int,
      remainingDays: int,
      overdue: bool,
      late: bool,
      provisional: bool,
      pausedDays: int
    }
  },
  ProjectSummary: {
    ...obj(
      {
        id: uuid,
        code: { type: 'string', example: 'ZL-2026-0001' },
        title: str,
        enterpriseName: str,
        authorityCode: { enum: [...AUTHORITIES.map((a) => a.code), null] },
        stage: { enum: STAGES },
        stageLabel: label,
        landType: { enum: [...LAND_TYPES, null] },
        submittedAt: nullable(dateTime),
        clock: ref('Clock'),
        updatedAt: dateTime,
        version: int
      },
      ['id', 'code', 'title', 'authorityCode', 'stage', 'landType', 'updatedAt', 'version']
    )
  },
  ProjectView: {
    allOf: [
      ref('ProjectSummary'),
      obj({
        ownerId: uuid,
        form: ref('Form'),
        parcel: { oneOf: [{ type: 'null' }, ref('Parcel')] },
        classification: { oneOf: [{ type: 'null' }, ref('Classification')] },
        files: { type: 'object', additionalProperties: arrayOf(ref('File')) },
        events: arrayOf(anyObject),
        workflow: anyObject,
        availableActions: arrayOf(anyObject),
        missingDocuments: arrayOf(obj({ kind: str, zh: str, en: str })),
        submitProblems: arrayOf(anyObject),
        canEdit: bool,
        tracking: anyObject,
        policy: anyObject
      })
    ]
  },
  Parcel: obj(
    {
      geometry: obj({ type: { const: 'MultiPolygon' }, coordinates: { type: 'array' } }),
      areaM2: num,
      sourceCrs: nullable(str),
      sourceName: nullable(str),
      fileId: nullable(str)
    },
    ['geometry', 'areaM2']
  ),
  Classification: {
    ...obj(
      {
        landType: { enum: LAND_TYPES },
        rule: str,
        straddles: bool,
        zones: arrayOf(anyObject),
        district: arrayOf(anyObject),
        authorityCode: nullable(str),
        lingang: bool,
        conflicts: arrayOf(anyObject)
      },
      ['landType', 'rule', 'zones', 'district']
    ),
    description:
      'The CLI classify JSON: land type, the rule that decided it, zone and district shares, conflicts, the layer versions used'
  },
  File: obj(
    {
      id: str,
      kind: str,
      name: str,
      sizeBytes: int,
      mime: nullable(str),
      sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      addedAt: dateTime,
      addedBy: nullable(str)
    },
    ['id', 'kind', 'name', 'sizeBytes', 'sha256']
  ),
  Action: {
    type: 'object',
    required: ['action', 'expectedVersion'],
    properties: {
      action: { enum: ACTIONS },
      expectedVersion: { type: 'integer', description: 'the version you saw; another version → 409' },
      comment: str,
      opinion: { enum: OPINIONS },
      departments: arrayOf({ enum: DISTRICT_DEPARTMENTS }),
      documentId: uuid,
      override: bool
    }
  },
  ActionResult: obj({ state: anyObject, version: int, stage: { enum: STAGES }, events: int }, ['version', 'stage']),
  Inspect: {
    ...obj({ source: anyObject, features: arrayOf(anyObject), warnings: arrayOf({}), errors: arrayOf({}) }, [
      'source',
      'features'
    ]),
    description:
      'The CLI inspect JSON: source format and CRS (detected, confidence), features in EPSG:4490 with area, validity and repairs'
  },
  CalendarYear: obj({
    year: int,
    published: bool,
    days: arrayOf(obj({ date, kind: { enum: ['holiday', 'workday'] } }, ['date', 'kind']))
  }),
  TrackingRecord: obj({ id: str, actorId: str, role: { enum: ROLES }, recordedAt: dateTime, date }, [
    'id',
    'recordedAt'
  ]),
  Department: obj({ code: str, zh: str, en: str }, ['code', 'zh']),
  PolicyVersion: obj(
    {
      id: int,
      docNumber: str,
      title: str,
      kind: str,
      effectiveFrom: date,
      effectiveTo: nullable(date),
      basedOn: nullable(int)
    },
    ['id', 'docNumber', 'effectiveFrom']
  ),
  DistrictMeasure: obj({
    id: str,
    at: dateTime,
    authorityCode: str,
    measure: str,
    label,
    note: nullable(str),
    by: nullable(str),
    flags: arrayOf(str)
  }),
  SessionUser: obj(
    {
      id: uuid,
      username: str,
      displayName: str,
      role: { enum: ROLES },
      authorityCode: nullable(str),
      departmentCode: nullable(str),
      email: nullable(str)
    },
    ['id', 'username', 'role', 'authorityCode']
  )
};

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'zeroland API',
      version: '1',
      description:
        '上海市规划产业区块外零增地技术改造优质项目认定平台. People sign in with a session cookie (POST /api/v1/session, or single sign-on); ' +
        'other systems send `Authorization: Bearer <token>` with a token of a service account issued by the administrator (/admin/api-tokens). ' +
        'A token may call an operation only when it holds the operation’s bearer scope, and then only as far as its account’s role and district allow; ' +
        'each token has a rate limit (429 with Retry-After). Errors are {error:{code,message}} with the message in the Accept-Language language (zh default, en). ' +
        `Uploads are limited to ${MAX_UPLOAD_BYTES / 1048576} MB (413). Scopes: ` +
        API_SCOPES.map((s) => `${s} (${SCOPE_LABELS[s].en})`).join('; ') +
        '.'
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'zl_session',
          description: 'POST /api/v1/session sets it (people)'
        },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'API token of a service account (zlt_…), issued by the administrator; its scope is named per operation, its role and district apply as for a person'
        }
      },
      schemas
    },
    security: [{ session: [] }],
    paths: { ...projectPaths(), ...aftercarePaths(), ...servicePaths(), ...moreServicePaths() }
  };
}
