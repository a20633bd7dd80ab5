// /api/v1 operations after recognition (二.4, 二.5): contract terms, yearly figures, as-built survey, checks.
import {
  anyObject,
  bytes,
  COMMON,
  date,
  err,
  idParam,
  int,
  jsonBody,
  num,
  obj,
  ok,
  pathParam,
  str,
  tok,
  upload
} from './helpers.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const year = pathParam('year', { type: 'integer' });

export function aftercarePaths() {
  const contract = {
    ...tok('tracking:write'),
    summary:
      '土地出让合同履约条款 (district lead): plot ratio range, investment intensity, output/tax per mu, start/completion/full-production dates, contract document',
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['fullProductionBy', 'documentId'],
            properties: {
              contractNo: str,
              plotRatioMin: num,
              plotRatioMax: num,
              investmentIntensity: num,
              outputPerMu: num,
              taxPerMu: num,
              startBy: date,
              completeBy: date,
              fullProductionBy: date,
              documentId: str
            }
          }
        },
        'multipart/form-data': {
          schema: {
            type: 'object',
            description: 'the same fields, and the contract file as `document`',
            properties: { document: { type: 'string', format: 'binary' } }
          }
        }
      }
    },
    responses: {
      '200': ok('The terms and their revision', obj({ terms: anyObject, revision: int }, ['terms'])),
      '409': err('Not recognised'),
      ...COMMON
    }
  };
  const survey = {
    ...tok('tracking:write'),
    summary:
      'Upload the 竣工测绘 (DXF, DWG, Shapefile): encroachment beyond the survey tolerance, plot ratio, coverage',
    requestBody: upload({ crs: str, layer: str, encoding: str, toleranceM: num }),
    responses: {
      '201': ok(
        'Survey',
        obj({ survey: anyObject, buildings: { type: 'array' }, inspect: anyObject }, ['survey', 'buildings'])
      ),
      '413': err('Upload too large'),
      ...COMMON
    }
  };
  return {
    '/api/v1/projects/{id}/contract': {
      parameters: [idParam],
      put: contract,
      post: { ...contract, summary: 'Same as PUT (for HTML forms)' }
    },
    '/api/v1/projects/{id}/performance/{year}': {
      parameters: [idParam, year],
      put: {
        ...tok('tracking:write'),
        summary: 'Yearly figures (enterprise enters; district lead enters them confirmed)',
        requestBody: jsonBody({
          type: 'object',
          properties: { taxWan: num, outputWan: num, investmentWan: num, employees: int }
        }),
        responses: { '200': ok('Record', anyObject), '409': err('Already confirmed'), ...COMMON }
      }
    },
    '/api/v1/projects/{id}/performance/{year}/confirm': {
      parameters: [idParam, year],
      post: {
        ...tok('tracking:write'),
        summary: 'District lead confirms the enterprise’s figures',
        responses: { '200': ok('Record', anyObject), '409': err('Nothing to confirm'), ...COMMON }
      }
    },
    '/api/v1/performance/template.xlsx': {
      get: {
        ...tok('tracking:write'),
        summary: 'Yearly figures xlsx template (district lead)',
        responses: { '200': bytes('xlsx', XLSX), ...COMMON }
      }
    },
    '/api/v1/performance/import': {
      post: {
        ...tok('tracking:write'),
        summary: 'Import the filled template: all rows or none',
        requestBody: upload({}),
        responses: {
          '201': ok('Imported', obj({ imported: int, projects: int }, ['imported'])),
          ...COMMON,
          '400': err('Bad rows, each with its row number and reason')
        }
      }
    },
    '/api/v1/projects/{id}/asbuilt': {
      parameters: [idParam],
      get: {
        ...tok('projects:read'),
        summary: 'Current as-built survey: figures, buildings with their encroaching parts, the parcel',
        responses: {
          '200': ok('Survey', obj({ survey: {}, buildings: { type: 'array' }, parcel: {} }, ['survey'])),
          '404': err('Not found or not visible'),
          ...COMMON
        }
      },
      put: survey,
      post: { ...survey, summary: 'Same as PUT (for HTML forms)' }
    },
    '/api/v1/projects/{id}/asbuilt/signoff': {
      parameters: [idParam],
      post: {
        ...tok('workflow:act'),
        summary: '规划核实 sign-off by the city planning bureau (二.4)',
        requestBody: jsonBody({
          type: 'object',
          required: ['result'],
          properties: { result: { enum: ['pass', 'fail'] }, reason: str, surveyId: str }
        }),
        responses: { '200': ok('Survey', anyObject), '409': err('Already signed or no survey'), ...COMMON }
      }
    },
    '/api/v1/projects/{id}/compliance': {
      parameters: [idParam],
      get: {
        ...tok('projects:read'),
        summary: '履约 / 申报不实 / 零增地 checks with proposed findings and milestone due dates',
        responses: {
          '200': ok('Checks', obj({ checks: {}, proposals: { type: 'array' } }, ['checks'])),
          '404': err('Not found or not visible'),
          ...COMMON
        }
      },
      post: {
        ...tok('workflow:act'),
        summary: 'City confirms or dismisses a proposed finding (二.5)',
        requestBody: jsonBody({
          type: 'object',
          required: ['key', 'decision'],
          properties: { key: str, decision: { enum: ['confirm', 'dismiss'] }, reason: str }
        }),
        responses: {
          '201': ok('Decision', obj({ key: str, decision: { enum: ['confirm', 'dismiss'] } }, ['key', 'decision'])),
          '409': err('Already decided or no longer proposed'),
          ...COMMON
        }
      }
    }
  };
}
