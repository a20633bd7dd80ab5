// 国民经济行业分类 GB/T 4754-2017: 20 sections (门类 A–T), 97 divisions (大类 01–97), groups (中类,
// 3 digits) and classes (小类, 4 digits). A code is written as section letter + 2–4 digits, e.g. C3511.
// We check the shape and that the division belongs to the section (the table below, from the standard);
// whether a class exists is left to the administrator-editable positive/negative list.

/** Division range of each section, GB/T 4754-2017. */
export const SECTION_DIVISIONS: Record<string, readonly [number, number]> = {
  A: [1, 5], // 农、林、牧、渔业
  B: [6, 12], // 采矿业
  C: [13, 43], // 制造业
  D: [44, 46], // 电力、热力、燃气及水生产和供应业
  E: [47, 50], // 建筑业
  F: [51, 52], // 批发和零售业
  G: [53, 60], // 交通运输、仓储和邮政业
  H: [61, 62], // 住宿和餐饮业
  I: [63, 65], // 信息传输、软件和信息技术服务业
  J: [66, 69], // 金融业
  K: [70, 70], // 房地产业
  L: [71, 72], // 租赁和商务服务业
  M: [73, 75], // 科学研究和技术服务业
  N: [76, 79], // 水利、环境和公共设施管理业
  O: [80, 82], // 居民服务、修理和其他服务业
  P: [83, 83], // 教育
  Q: [84, 85], // 卫生和社会工作
  R: [86, 90], // 文化、体育和娱乐业
  S: [91, 96], // 公共管理、社会保障和社会组织
  T: [97, 97] // 国际组织
};

const SHAPE = /^([A-T])(\d{2,4})$/;

/** Null when the code is well formed; otherwise what is wrong. Expects upper case, trimmed. */
export function checkIndustryCode(code: string): { zh: string; en: string } | null {
  const m = SHAPE.exec(code);
  if (!m) {
    return {
      zh: `行业代码“${code}”格式不正确：应为门类字母 A–T 加 2–4 位数字（GB/T 4754-2017），如 C3511。`,
      en: `Industry code "${code}" is not well formed: a section letter A–T followed by 2–4 digits (GB/T 4754-2017), e.g. C3511.`
    };
  }
  const [lo, hi] = SECTION_DIVISIONS[m[1]];
  const division = Number(m[2].slice(0, 2));
  if (division < lo || division > hi) {
    const range = `${String(lo).padStart(2, '0')}–${String(hi).padStart(2, '0')}`;
    return {
      zh: `行业代码“${code}”的大类 ${m[2].slice(0, 2)} 不属于门类 ${m[1]}（门类 ${m[1]} 的大类为 ${range}）。`,
      en: `Industry code "${code}": division ${m[2].slice(0, 2)} is not in section ${m[1]} (section ${m[1]} has divisions ${range}).`
    };
  }
  return null;
}
