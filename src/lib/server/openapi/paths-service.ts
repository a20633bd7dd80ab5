// /api/v1 operations around the applications: sign-in, health, layers and tiles, calendar, departments,
// policy versions, statistics and supervision, the recognition standard, user bindings.
import {
  anyObject,
  arrayOf,
  bool,
  bytes,
  COMMON,
  date,
  dateTime,
  err,
  int,
  jsonBody,
  nullable,
  obj,
  ok,
  open,
  pathParam,
  PUBLIC_ERRORS,
  query,
  ref,
  str,
  tok,
  uuid
} from './helpers.ts';

const MVT = 'application/vnd.mapbox-vector-tile';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tile = (summary: string, params: object[]) => ({
  ...tok('layers:read'),
  summary,
  parameters: params,
  responses: {
    '200': bytes('Mapbox Vector Tile (ETag; 304 on If-None-Match)', MVT),
    '204': { description: 'Nothing in this tile' },
    '304': { description: 'Not modified' },
    ...COMMON
  }
});
const z = pathParam('z', { type: 'integer', minimum: 0 });
const x = pathParam('x', { type: 'integer', minimum: 0 });
const y = pathParam('y', { type: 'integer', minimum: 0 });
const ruleSet = obj({ id: int }, ['id']);
const supervisionFilter = ['authority', 'landType', 'milestone', 'status', 'compliance'].map((n) => query(n));

export function servicePaths() {
  return {
    '/api/v1/health': {
      get: {
        ...open,
        summary: 'Liveness: the process answers',
        responses: {
          '200': ok('Health', obj({ status: { const: 'ok' }, db: { enum: ['pglite', 'postgres'] }, postgis: str })),
          ...PUBLIC_ERRORS
        }
      }
    },
    '/api/v1/ready': {
      get: {
        ...open,
        summary: 'Readiness for a load balancer: database within 2 s, migrations applied, workers up, not stopping',
        responses: {
          '200': ok('Ready', obj({ status: { const: 'ready' }, checks: anyObject })),
          '503': ok('Not ready, with the failing checks', obj({ status: { const: 'not_ready' }, checks: anyObject }))
        }
      }
    },
    '/api/v1/openapi.json': {
      get: {
        ...open,
        summary: 'This document',
        responses: { '200': ok('OpenAPI 3.1', obj({ openapi: { const: '3.1.0' }, paths: anyObject })) }
      }
    },
    '/api/v1/session': {
      get: {
        summary: 'Who is signed in',
        responses: { '200': ok('User', obj({ user: ref('SessionUser') })), ...COMMON }
      },
      post: {
        ...open,
        summary: 'Sign in with username and password (sets the session cookie); throttled per account and address',
        requestBody: jsonBody(obj({ username: str, password: str })),
        responses: {
          '200': ok('Signed in', obj({ ok: { const: true }, expiresAt: dateTime, mustChangePassword: bool })),
          '401': err('Wrong username or password'),
          '429': err('Too many failures: wait (Retry-After)'),
          ...PUBLIC_ERRORS
        }
      },
      delete: {
        ...open,
        summary: 'Sign out',
        responses: { '200': ok('Signed out', obj({ ok: { const: true } })), ...PUBLIC_ERRORS }
      }
    },
    '/api/v1/layers': {
      get: {
        ...tok('layers:read'),
        summary: 'Zoning layers, their current versions and tile URLs',
        responses: {
          '200': ok(
            'Layers',
            obj({ layers: arrayOf(obj({ kind: str, name: obj({ zh: str, en: str }) }, ['kind', 'name'])) })
          ),
          ...COMMON
        }
      }
    },
    '/api/v1/layers/{kind}': {
      parameters: [pathParam('kind', { type: 'string', pattern: '^[a-z_]{2,40}(\\.geojson)?$' })],
      get: {
        ...tok('layers:read'),
        summary: 'The current version of one layer as GeoJSON (EPSG:4490, simplified ~1 m)',
        responses: {
          '200': ok('FeatureCollection', obj({ type: { const: 'FeatureCollection' }, features: { type: 'array' } })),
          ...COMMON
        }
      }
    },
    '/api/v1/tiles/{z}/{x}/{y}.mvt': {
      parameters: [z, x, y],
      get: tile('All zoning layers of a tile, one source-layer per kind; ?v= pins layer versions', [
        query('v', str, 'versionId.versionId…')
      ])
    },
    '/api/v1/tiles/{layer}/{z}/{x}/{y}.mvt': {
      parameters: [pathParam('layer'), z, x, y],
      get: tile('One zoning layer’s tile (GIS clients, previews)', [query('v', str, 'a version id')])
    },
    '/api/v1/calendar': {
      get: {
        ...tok('projects:read'),
        summary: 'Holidays and make-up working days of a year',
        parameters: [query('year', int)],
        responses: { '200': ok('Year', ref('CalendarYear')), ...COMMON }
      }
    },
    '/api/v1/calendar/{date}': {
      parameters: [pathParam('date', date)],
      put: {
        summary: 'Set or clear one day (administrators)',
        requestBody: jsonBody({
          type: 'object',
          properties: { kind: { enum: ['holiday', 'workday', null] }, name: str, nameEn: str, publishYear: bool }
        }),
        responses: { '200': ok('Year', ref('CalendarYear')), ...COMMON }
      }
    },
    '/api/v1/departments': {
      get: {
        ...tok('projects:read'),
        summary: 'A district’s departments (default: the caller’s district; an administrator without ?authority: all)',
        parameters: [query('authority')],
        responses: {
          '200': ok('Departments', obj({ departments: arrayOf(ref('Department')) }, ['departments'])),
          ...COMMON
        }
      },
      post: {
        summary: 'Add or change a department (administrators)',
        requestBody: jsonBody(
          obj({ authorityCode: str, code: str, zh: str, en: str, defaultInvited: bool, active: bool, sort: int }, [
            'authorityCode',
            'code',
            'zh'
          ])
        ),
        responses: { '200': ok('Department', anyObject), ...COMMON }
      }
    },
    '/api/v1/users/{id}': {
      parameters: [pathParam('id', uuid)],
      patch: {
        summary: 'Bind an account to its department by code, or set its e-mail (administrators)',
        requestBody: jsonBody(obj({ departmentCode: nullable(str), email: nullable(str) }, [])),
        responses: { '200': ok('Binding', anyObject), '404': err('No such user'), ...COMMON }
      }
    },
    '/api/v1/policy-versions': {
      get: {
        ...tok('projects:read'),
        summary: 'The guideline’s versions and the one in force today',
        responses: {
          '200': ok('Versions', obj({ versions: arrayOf(ref('PolicyVersion')), inForce: {} }, ['versions'])),
          ...COMMON
        }
      },
      post: {
        summary: 'Record an extension or a successor of the guideline (administrators)',
        requestBody: jsonBody(
          obj(
            {
              docNumber: str,
              title: str,
              kind: { enum: ['extension', 'successor'] },
              effectiveFrom: date,
              effectiveTo: nullable(date),
              basedOn: int,
              note: str
            },
            ['docNumber', 'title', 'kind', 'effectiveFrom']
          )
        ),
        responses: { '201': ok('Recorded', ref('PolicyVersion')), '409': err('Overlaps a version in force'), ...COMMON }
      }
    },
    '/api/v1/stats/summary': {
      get: {
        ...tok('supervision:read'),
        summary: 'Projects with every workflow node, in the caller’s scope',
        parameters: ['authority', 'stage', 'landType', 'overdue', 'from', 'to', 'q'].map((n) => query(n)),
        responses: { '200': ok('Summary', obj({ count: int, projects: arrayOf(anyObject) })), ...COMMON }
      }
    },
    '/api/v1/stats/summary.xlsx': {
      get: {
        ...tok('supervision:read'),
        summary: 'The same list as a workbook (申报项目一览表（含工作节点）)',
        responses: { '200': bytes('xlsx', XLSX), ...COMMON }
      }
    },
    '/api/v1/stats/dashboard': {
      get: {
        ...tok('supervision:read'),
        summary: 'Per-district figures and flags (city departments)',
        responses: {
          '200': ok(
            'Dashboard',
            obj({ today: date, districts: { type: 'array' }, city: anyObject, rules: {} }, [
              'today',
              'districts',
              'city'
            ])
          ),
          ...COMMON
        }
      }
    },
    '/api/v1/stats/measures': {
      get: {
        ...tok('supervision:read'),
        summary: 'Supervision measures against districts in the caller’s scope',
        responses: { '200': ok('Measures', obj({ measures: arrayOf(ref('DistrictMeasure')) })), ...COMMON }
      },
      post: {
        summary: 'Record a measure against a district (city departments)',
        requestBody: jsonBody(
          obj({ authorityCode: str, measure: str, note: str, flags: arrayOf(str) }, ['authorityCode', 'measure'])
        ),
        responses: { '201': ok('Recorded', ref('DistrictMeasure')), ...COMMON }
      }
    },
    '/api/v1/exports/recognised': {
      get: {
        ...tok('supervision:read'),
        summary: 'Recognised parcels with their compliance (X-Feature-Count header)',
        parameters: [query('format', { enum: ['geojson', 'shp', 'kml', 'xlsx'] }), ...supervisionFilter],
        responses: {
          '200': {
            description: 'The export',
            content: Object.fromEntries(
              ['application/geo+json', 'application/zip', 'application/vnd.google-earth.kml+xml', XLSX].map((m) => [
                m,
                { schema: { type: 'string', format: 'binary' } }
              ])
            )
          },
          ...COMMON
        }
      }
    },
    '/api/v1/standard/draft': {
      get: {
        summary: 'The draft of the recognition standard (city SHEITC, administrators)',
        responses: { '200': ok('Draft', obj({ draft: {} })), ...COMMON }
      },
      post: {
        summary: 'Save the draft {title, sample, notes, criteria}; an empty body starts one from the version in force',
        requestBody: jsonBody(anyObject),
        responses: { '200': ok('Draft', obj({ draft: anyObject })), ...COMMON }
      },
      delete: {
        summary: 'Discard the draft',
        responses: { '200': ok('Discarded', obj({ ok: { const: true } })), ...COMMON }
      }
    },
    '/api/v1/standard/publish': {
      post: {
        summary: 'Publish the draft from a date; reports the open projects whose result changed',
        requestBody: jsonBody(obj({ effectiveFrom: date })),
        responses: {
          '200': ok('Publication report', obj({ report: anyObject })),
          '409': err('No draft, or the date is not allowed'),
          ...COMMON
        }
      }
    },
    '/api/v1/standard/rule-sets': {
      get: {
        ...tok('projects:read'),
        summary:
          'Every version of the standard (and the draft), newest first, with the one in force today; ?full adds criteria',
        parameters: [query('full')],
        responses: {
          '200': ok(
            'Rule sets',
            obj({ today: date, inForceId: { type: ['integer', 'null'] }, ruleSets: arrayOf(ruleSet) })
          ),
          ...COMMON
        }
      }
    },
    '/api/v1/standard/rule-sets/{id}': {
      parameters: [pathParam('id', { type: 'integer' })],
      get: {
        ...tok('projects:read'),
        summary: 'One version of the standard with its publication report',
        responses: {
          '200': ok('Rule set', obj({ ruleSet, publication: {} }, ['ruleSet'])),
          '404': err('No such rule set'),
          ...COMMON
        }
      }
    },
    '/api/v1/standard/industry-codes': {
      get: {
        ...tok('projects:read'),
        summary: 'Search the industry classification (code prefix or part of a name)',
        parameters: [query('q'), query('limit', int)],
        responses: { '200': ok('Codes', obj({ codes: { type: 'array' }, table: {} })), ...COMMON }
      }
    }
  };
}
