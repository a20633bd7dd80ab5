// /api/v1 operations on applications: projects, boundaries, documents, workflow, evaluation, sheets.
import { DOCUMENT_KINDS } from '$lib/domain/paths.ts';
import { FINDINGS, MEASURES, MILESTONES } from '$lib/domain/tracking.ts';
import {
  anyObject,
  arrayOf,
  bool,
  bytes,
  COMMON,
  date,
  err,
  idParam,
  int,
  jsonBody,
  obj,
  ok,
  pathParam,
  query,
  ref,
  str,
  tok,
  upload,
  uuid
} from './helpers.ts';

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const outcome = ok('Recorded', obj({ outcome: { description: 'the criterion’s outcome after this record' } }));

export function projectPaths() {
  const boundary = {
    ...tok('projects:write'),
    summary: 'Upload the parcel boundary: parsed, reprojected to EPSG:4490, validated, stored and classified',
    requestBody: upload(
      {
        crs: str,
        layer: str,
        encoding: str,
        featureIndex: { type: 'string', description: '"0" or "0,2"' },
        upload: { type: 'string', description: 'instead of the file: the upload id an inspect answered' }
      },
      []
    ),
    responses: {
      '200': ok(
        'Parcel, classification, inspect report',
        obj(
          {
            parcel: ref('Parcel'),
            classification: ref('Classification'),
            inspect: ref('Inspect'),
            version: int,
            authorityCode: { type: ['string', 'null'] }
          },
          ['parcel', 'classification', 'version']
        )
      ),
      '409': err('Not editable'),
      '413': err('Upload too large'),
      '422': err('The file is beyond a reading budget'),
      ...COMMON
    }
  };
  const sheet = (summary: string, code: string) => ({
    summary,
    responses: {
      [code]: bytes('The 项目信息表 PDF; X-Verification-Code and X-Sha256 headers name it', PDF),
      '404': err('Not found, not visible, or no sheet issued yet'),
      '409': err('The stage does not allow issuing'),
      ...COMMON
    }
  });
  return {
    '/api/v1/projects': {
      get: {
        ...tok('projects:read'),
        summary: 'Projects the caller may see (a district user or token: its district only; an enterprise: its own)',
        parameters: ['authority', 'stage', 'landType', 'overdue', 'q'].map((name) => query(name)),
        responses: { '200': ok('List', obj({ projects: arrayOf(ref('ProjectSummary')) })), ...COMMON }
      },
      post: {
        ...tok('projects:write'),
        summary:
          'Create an application (enterprise; or district industry department, optionally onBehalfOf an enterprise account)',
        requestBody: jsonBody({ type: 'object', properties: { title: str, form: ref('Form'), onBehalfOf: str } }),
        responses: { '201': ok('Created', obj({ id: uuid, code: str })), ...COMMON }
      }
    },
    '/api/v1/projects/{id}': {
      parameters: [idParam],
      get: {
        ...tok('projects:read'),
        summary: 'One project with events, clock, classification and available actions',
        responses: {
          '200': ok('Project', ref('ProjectView')),
          '404': err('Not found or not visible (same answer)'),
          ...COMMON
        }
      },
      put: {
        ...tok('projects:write'),
        summary: 'Save the draft form (draft or returned only)',
        requestBody: jsonBody({
          type: 'object',
          required: ['form', 'expectedVersion'],
          properties: { form: ref('Form'), expectedVersion: int, title: str }
        }),
        responses: {
          '200': ok('Saved', obj({ version: int }, ['version'])),
          '404': err('Not found'),
          '409': err('Stale version or not editable'),
          ...COMMON
        }
      },
      delete: {
        summary: 'The owner deletes a draft that was never submitted (event delete_draft; optional JSON {reason})',
        responses: {
          '204': { description: 'Deleted' },
          '404': err('Not found'),
          '409': err('Submitted once: cannot be deleted'),
          ...COMMON
        }
      }
    },
    '/api/v1/projects/{id}/boundary': {
      parameters: [idParam],
      put: boundary,
      post: { ...boundary, summary: 'Same as PUT (for clients that cannot send PUT)' }
    },
    '/api/v1/projects/{id}/files': {
      parameters: [idParam],
      post: {
        ...tok('projects:write'),
        summary: 'Attach a document',
        requestBody: upload({ kind: { enum: DOCUMENT_KINDS.filter((k) => k !== 'boundary') } }),
        responses: { '201': ok('Stored file', ref('File')), '413': err('Upload too large'), ...COMMON }
      }
    },
    '/api/v1/projects/{id}/actions': {
      parameters: [idParam],
      post: {
        ...tok('workflow:act'),
        summary: 'Workflow transition',
        requestBody: jsonBody(ref('Action')),
        responses: {
          '200': ok('New state', ref('ActionResult')),
          '404': err('Not found or not visible'),
          '409': err('Stage/path does not allow it, or someone acted first'),
          ...COMMON
        }
      }
    },
    '/api/v1/projects/{id}/tracking/{kind}': {
      parameters: [idParam, pathParam('kind', { enum: ['milestones', 'findings', 'measures'] })],
      post: {
        ...tok('tracking:write'),
        summary: '产业项目跟踪 record: a milestone, a finding, or a measure on a finding',
        requestBody: jsonBody({
          oneOf: [
            {
              type: 'object',
              required: ['milestone', 'date'],
              properties: {
                milestone: { enum: MILESTONES },
                date,
                documentId: str,
                department: str,
                result: { enum: ['pass', 'fail'] },
                note: str
              }
            },
            {
              type: 'object',
              required: ['kind', 'date', 'description'],
              properties: { kind: { enum: FINDINGS }, date, description: str, documentId: str }
            },
            {
              type: 'object',
              required: ['kind', 'findingId', 'date', 'department'],
              properties: {
                kind: { enum: MEASURES },
                findingId: str,
                date,
                department: str,
                documentId: str,
                note: str
              }
            }
          ]
        }),
        responses: {
          '201': ok('Recorded', ref('TrackingRecord')),
          '409': err('Not tracked, already recorded or out of order'),
          ...COMMON
        }
      }
    },
    '/api/v1/projects/{id}/evaluation': {
      parameters: [idParam],
      get: {
        ...tok('projects:read'),
        summary: 'The positive/negative-list checklist: per criterion status, figures and reason (Accept-Language)',
        responses: {
          '200': ok('Checklist', obj({ evaluation: anyObject })),
          '404': err('Not found or not visible'),
          ...COMMON
        }
      }
    },
    '/api/v1/projects/{id}/evaluation/declarations': {
      parameters: [idParam],
      post: {
        ...tok('projects:write'),
        summary: 'The enterprise declares a criterion (affirmed true|false) with its document',
        requestBody: jsonBody(obj({ criterionId: str, affirmed: bool, fileId: str }, ['criterionId', 'affirmed'])),
        responses: { '201': outcome, '409': err('Not declarable now'), ...COMMON }
      }
    },
    '/api/v1/projects/{id}/evaluation/judgements': {
      parameters: [idParam],
      post: {
        ...tok('workflow:act'),
        summary: 'A reviewer judges a criterion pass|fail with a required comment',
        requestBody: jsonBody(obj({ criterionId: str, verdict: { enum: ['pass', 'fail'] }, comment: str })),
        responses: { '201': outcome, '409': err('Not open for judgement'), ...COMMON }
      }
    },
    '/api/v1/projects/{id}/evaluation/override': {
      parameters: [idParam],
      post: {
        ...tok('workflow:act'),
        summary: 'The district overrides negative-list hits with a reason (event log)',
        requestBody: jsonBody(obj({ reason: str, criterionIds: arrayOf(str) }, ['reason'])),
        responses: { '201': ok('Override recorded', anyObject), '409': err('Nothing to override'), ...COMMON }
      }
    },
    '/api/v1/projects/{id}/facts': {
      parameters: [idParam],
      post: {
        ...tok('workflow:act'),
        summary:
          'The district planning department confirms or corrects a path-deciding fact (a correction needs a reason and re-derives the path)',
        requestBody: jsonBody(
          obj({ fact: { enum: ['newlyTransferred', 'retainedInPlan', 'plotRatioAfter'] }, value: {}, reason: str }, [
            'fact',
            'value'
          ])
        ),
        responses: { '201': ok('Fact recorded', anyObject), '409': err('Not at this stage'), ...COMMON }
      }
    },
    '/api/v1/projects/{id}/sheet.pdf': {
      parameters: [idParam],
      get: { ...tok('projects:read'), ...sheet('The current 项目信息表 (the latest issued)', '200') },
      post: { ...sheet('一键成表: issue a new 项目信息表 (earlier verification codes become superseded)', '200') }
    },
    '/api/v1/projects/{id}/sheet-scan': {
      parameters: [idParam],
      post: {
        summary: 'The stamped 项目信息表 scanned back (PDF/JPG/PNG, ≤ 20 MB)',
        requestBody: upload({}),
        responses: { '201': ok('Stored scan', anyObject), '413': err('Scan too large'), ...COMMON }
      }
    },
    '/api/v1/projects/{id}/review-table': {
      parameters: [idParam],
      get: {
        ...tok('projects:read'),
        summary: '申报项目区级联审情况一览表 as PDF or xlsx',
        parameters: [query('format', { enum: ['pdf', 'xlsx'] })],
        responses: {
          '200': {
            description: 'The table',
            content: {
              [PDF]: { schema: { type: 'string', format: 'binary' } },
              [XLSX]: { schema: { type: 'string', format: 'binary' } }
            }
          },
          '404': err('Not found or not visible'),
          ...COMMON
        }
      }
    },
    '/api/v1/files/{id}': {
      parameters: [idParam],
      get: {
        ...tok('projects:read'),
        summary: 'Download a file (permission follows its project)',
        responses: {
          '200': bytes('The bytes, with their stored media type', 'application/octet-stream'),
          '404': err('Not found or not allowed'),
          ...COMMON
        }
      }
    },
    '/api/v1/boundaries/inspect': {
      post: {
        ...tok('projects:write'),
        summary:
          'Inspect a boundary file without attaching it (the CLI inspect JSON, plus upload:{id, files} to reuse it)',
        requestBody: {
          required: true,
          content: {
            ...upload({ crs: str, layer: str, encoding: str, upload: str }, []).content,
            'application/json': { schema: obj({ upload: str, crs: str, layer: str, encoding: str }, ['upload']) }
          }
        },
        responses: {
          '200': ok('Inspect report', ref('Inspect')),
          '413': err('Upload too large'),
          '422': err('Beyond a reading budget'),
          '503': err('Every reader busy; try again'),
          ...COMMON
        }
      }
    },
    '/api/v1/inbox': {
      get: {
        ...tok('projects:read'),
        summary: 'What waits for the caller now (overdue first; late tracking milestones for district leads)',
        responses: { '200': ok('Items', obj({ items: arrayOf(anyObject) })), ...COMMON }
      }
    }
  };
}
