// The 16 districts of Shanghai plus the Lingang New Area, whose administrative committee recognises
// projects on its territory instead of a district government (沪经信规范〔2020〕9号).

export interface Authority {
  code: string;
  zh: string;
  en: string;
  kind: 'district' | 'lingang';
}

export const AUTHORITIES: readonly Authority[] = [
  { code: 'huangpu', zh: '黄浦区', en: 'Huangpu', kind: 'district' },
  { code: 'xuhui', zh: '徐汇区', en: 'Xuhui', kind: 'district' },
  { code: 'changning', zh: '长宁区', en: 'Changning', kind: 'district' },
  { code: 'jingan', zh: '静安区', en: "Jing'an", kind: 'district' },
  { code: 'putuo', zh: '普陀区', en: 'Putuo', kind: 'district' },
  { code: 'hongkou', zh: '虹口区', en: 'Hongkou', kind: 'district' },
  { code: 'yangpu', zh: '杨浦区', en: 'Yangpu', kind: 'district' },
  { code: 'minhang', zh: '闵行区', en: 'Minhang', kind: 'district' },
  { code: 'baoshan', zh: '宝山区', en: 'Baoshan', kind: 'district' },
  { code: 'jiading', zh: '嘉定区', en: 'Jiading', kind: 'district' },
  { code: 'pudong', zh: '浦东新区', en: 'Pudong New Area', kind: 'district' },
  { code: 'jinshan', zh: '金山区', en: 'Jinshan', kind: 'district' },
  { code: 'songjiang', zh: '松江区', en: 'Songjiang', kind: 'district' },
  { code: 'qingpu', zh: '青浦区', en: 'Qingpu', kind: 'district' },
  { code: 'fengxian', zh: '奉贤区', en: 'Fengxian', kind: 'district' },
  { code: 'chongming', zh: '崇明区', en: 'Chongming', kind: 'district' },
  { code: 'lingang', zh: '临港新片区', en: 'Lingang New Area', kind: 'lingang' }
];

export const authorityByCode = (code: string) => AUTHORITIES.find((a) => a.code === code);
