// /api/v1 operations of the casework, maps and district criteria: messages, deadlines, holiday import, the
// map's project layer and search, one's own e-mail address, district criteria.
import {
  anyObject,
  arrayOf,
  COMMON,
  err,
  int,
  jsonBody,
  nullable,
  obj,
  ok,
  pathParam,
  query,
  str,
  tok
} from './helpers.ts';

export function moreServicePaths() {
  return {
    '/api/v1/notifications': {
      get: {
        ...tok('projects:read'),
        summary: 'The caller’s 站内信, newest first, with the unread count',
        responses: { '200': ok('Messages', obj({ unread: int, items: arrayOf(anyObject) })), ...COMMON }
      }
    },
    '/api/v1/notifications/read': {
      post: {
        summary: 'Mark one message (id) or all of the caller’s messages as read',
        requestBody: jsonBody(obj({ id: str }, [])),
        responses: { '200': ok('Read', obj({ changed: int, unread: int })), ...COMMON }
      }
    },
    '/api/v1/settings/deadlines': {
      get: {
        ...tok('projects:read'),
        summary: 'The time limits in force (working days, warning thresholds)',
        responses: { '200': ok('Limits', anyObject), ...COMMON }
      },
      put: {
        summary: 'Change the time limits (administrator or city SHEITC; an event)',
        requestBody: jsonBody(
          obj(
            {
              recognitionWorkingDays: int,
              acceptanceWorkingDays: int,
              opinionWorkingDays: int,
              warnAt: { type: 'number' },
              alertAt: { type: 'number' }
            },
            []
          )
        ),
        responses: { '200': ok('Limits', anyObject), ...COMMON }
      }
    },
    '/api/v1/calendar/import': {
      post: {
        summary:
          'Replace a year’s holidays and make-up days with a pasted schedule (administrators); the year becomes published',
        requestBody: jsonBody(obj({ year: int, text: str })),
        responses: { '200': ok('Year', anyObject), ...COMMON }
      }
    },
    '/api/v1/account/email': {
      put: {
        summary: 'The caller’s own address for e-mailed messages (empty or null: none)',
        requestBody: jsonBody(obj({ email: nullable(str) })),
        responses: { '200': ok('Address', obj({ email: nullable(str) })), ...COMMON }
      }
    },
    '/api/v1/map/projects': {
      get: {
        ...tok('projects:read'),
        summary: 'GeoJSON of the projects the caller may see (their current parcels)',
        responses: {
          '200': {
            description: 'FeatureCollection',
            content: {
              'application/geo+json': {
                schema: obj({ type: { const: 'FeatureCollection' }, features: { type: 'array' } })
              }
            }
          },
          ...COMMON
        }
      }
    },
    '/api/v1/map/search': {
      get: {
        ...tok('projects:read'),
        summary:
          'The map’s search: visible projects by number, name or enterprise (≤ 20), or a place for a coordinate pair',
        parameters: [query('q')],
        responses: { '200': ok('Hits', obj({ projects: { type: 'array' }, place: {} })), ...COMMON }
      }
    },
    '/api/v1/boundaries/check': {
      post: {
        ...tok('projects:write'),
        summary:
          'Classify an inspected upload against the current layers and say whether an application may start with it (writes nothing)',
        requestBody: jsonBody(obj({ upload: str, crs: str, layer: str, encoding: str }, ['upload'])),
        responses: {
          '200': ok(
            '{ok, landType, landTypeLabel, clause, authorityCode, authorityName, lingang, areaM2, straddles, conflicts, refusal}',
            obj({ ok: { type: 'boolean' } }, ['ok'])
          ),
          '404': err('Unknown upload'),
          ...COMMON
        }
      }
    },
    '/api/v1/standard/district-criteria/{authority}': {
      parameters: [pathParam('authority')],
      get: {
        ...tok('projects:read'),
        summary: 'A district’s criteria on top of the city’s rule set: the version in force and all versions',
        responses: { '200': ok('Criteria', obj({ inForce: {}, versions: { type: 'array' } })), ...COMMON }
      },
      post: {
        summary:
          'Publish a new version of the district’s criteria (adding or tightening, never loosening; district lead or administrator)',
        requestBody: jsonBody(
          obj({ criteria: { type: 'array' }, notes: str, effectiveFrom: { type: 'string', format: 'date' } }, [
            'criteria'
          ])
        ),
        responses: {
          '201': ok('The new version', anyObject),
          '409': err('A criterion would loosen the city’s'),
          ...COMMON
        }
      }
    }
  };
}
