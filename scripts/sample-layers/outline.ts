// Hand-drawn, schematic outline of Shanghai (lon/lat, EPSG:4490), typed in from general knowledge of the
// city's geography — NOT traced or copied from any map or dataset. Good at city scale, wrong at street scale.
import type { Position } from 'geojson';

/** Mainland: Yangtze south bank (Baoshan → Pudong), East China Sea, Hangzhou Bay, Zhejiang and Jiangsu borders. */
export const MAINLAND: Position[] = [
  // Yangtze south bank from the Taicang (Jiangsu) border to Wusongkou
  [121.33, 31.505],
  [121.365, 31.48],
  [121.4, 31.465],
  [121.43, 31.44],
  [121.455, 31.415],
  [121.485, 31.398],
  [121.505, 31.388],
  // Pudong's Yangtze bank: Gaoqiao, Waigaoqiao, Wuhaogou, Caolu, Pudong airport
  [121.53, 31.38],
  [121.575, 31.365],
  [121.61, 31.345],
  [121.64, 31.32],
  [121.68, 31.29],
  [121.72, 31.26],
  [121.76, 31.23],
  [121.8, 31.195],
  [121.835, 31.16],
  // East China Sea coast: Zhuqiao, Nanhui, Nanhuizui (Dishui Lake / Lingang)
  [121.86, 31.12],
  [121.88, 31.08],
  [121.905, 31.03],
  [121.93, 30.98],
  [121.955, 30.93],
  [121.975, 30.89],
  [121.965, 30.86],
  [121.935, 30.84],
  // Hangzhou Bay north shore: Lingang, Fengxian, chemical park (Caojing), Jinshanwei, Jinshanzui
  [121.89, 30.835],
  [121.84, 30.84],
  [121.78, 30.845],
  [121.7, 30.85],
  [121.62, 30.845],
  [121.55, 30.83],
  [121.5, 30.81],
  [121.45, 30.785],
  [121.41, 30.76],
  [121.37, 30.735],
  [121.33, 30.715],
  [121.28, 30.705],
  [121.23, 30.705],
  [121.18, 30.71],
  [121.14, 30.7],
  // Zhejiang border (Pinghu, Jiashan) north to Fengjing and Jinze
  [121.11, 30.73],
  [121.08, 30.77],
  [121.05, 30.8],
  [121.02, 30.83],
  [120.995, 30.87],
  [121.01, 30.905],
  [120.97, 30.92],
  [120.93, 30.955],
  [120.89, 30.975],
  [120.86, 31.01],
  [120.855, 31.05],
  // Jiangsu border (Wujiang, Kunshan) past Dianshan Lake's west shore to Huaqiao/Anting
  [120.875, 31.09],
  [120.895, 31.13],
  [120.91, 31.165],
  [120.94, 31.19],
  [120.98, 31.205],
  [121.02, 31.23],
  [121.06, 31.25],
  [121.09, 31.275],
  // Jiangsu border (Kunshan, Taicang) north along Jiading back to the Yangtze
  [121.12, 31.3],
  [121.13, 31.34],
  [121.15, 31.37],
  [121.18, 31.4],
  [121.21, 31.43],
  [121.24, 31.455],
  [121.27, 31.48],
  [121.3, 31.495]
];

/** Chongming island (Shanghai's part; the north shore borders Jiangsu's Haimen/Qidong). */
export const CHONGMING: Position[] = [
  [121.17, 31.83],
  [121.2, 31.79],
  [121.28, 31.72],
  [121.35, 31.655],
  [121.42, 31.615],
  [121.5, 31.585],
  [121.6, 31.545],
  [121.68, 31.515],
  [121.76, 31.49],
  [121.84, 31.47],
  [121.9, 31.46],
  [121.96, 31.47],
  [122.0, 31.49],
  [122.0, 31.52],
  [121.96, 31.55],
  [121.9, 31.58],
  [121.84, 31.605],
  [121.76, 31.635],
  [121.68, 31.665],
  [121.6, 31.695],
  [121.52, 31.725],
  [121.44, 31.76],
  [121.36, 31.8],
  [121.28, 31.835],
  [121.22, 31.845]
];

/** Changxing island, with the Qingcaosha reservoir at its north-west end. */
export const CHANGXING: Position[] = [
  [121.56, 31.44],
  [121.6, 31.42],
  [121.66, 31.395],
  [121.72, 31.37],
  [121.78, 31.35],
  [121.8, 31.355],
  [121.79, 31.37],
  [121.74, 31.395],
  [121.68, 31.42],
  [121.62, 31.445],
  [121.58, 31.46]
];

/** Hengsha island, east of Changxing. */
export const HENGSHA: Position[] = [
  [121.8, 31.33],
  [121.83, 31.305],
  [121.865, 31.295],
  [121.905, 31.3],
  [121.91, 31.325],
  [121.885, 31.345],
  [121.84, 31.36],
  [121.81, 31.355]
];

/** Huangpu River centre line, from Wusongkou (mouth) upstream to the Songjiang/Minhang/Fengxian junction. */
export const HUANGPU_LOWER: Position[] = [
  [121.508, 31.386],
  [121.52, 31.365],
  [121.54, 31.34],
  [121.555, 31.315],
  [121.56, 31.29],
  [121.545, 31.27],
  [121.53, 31.258],
  [121.515, 31.25],
  [121.5, 31.245],
  [121.492, 31.238],
  [121.494, 31.225],
  [121.5, 31.21],
  [121.495, 31.195],
  [121.485, 31.187],
  [121.47, 31.18],
  [121.46, 31.165],
  [121.462, 31.14],
  [121.475, 31.115],
  [121.478, 31.09],
  [121.47, 31.06],
  [121.455, 31.035],
  [121.43, 31.01],
  [121.4, 30.995],
  [121.37, 30.985],
  [121.335, 30.98]
];

/** Upper Huangpu (Mishidu, Maohe, Lanlugang) up to Dianshan Lake: inside Songjiang/Qingpu, not a district line. */
export const HUANGPU_UPPER: Position[] = [
  [121.335, 30.98],
  [121.3, 30.98],
  [121.26, 30.975],
  [121.225, 30.965],
  [121.18, 30.985],
  [121.13, 31.01],
  [121.09, 31.04],
  [121.04, 31.08],
  [121.0, 31.1]
];

/**
 * Line that splits the mainland into the Huangpu's west bank and the east/south side (Pudong, Minhang's Pujiang,
 * Fengxian): the lower Huangpu, then the Fengxian–Songjiang/Jinshan line down to Hangzhou Bay. Both ends run
 * out into the water so the cut crosses the whole outline.
 */
export const EAST_CUT: Position[] = [
  [121.505, 31.45],
  ...HUANGPU_LOWER,
  [121.34, 30.94],
  [121.35, 30.9],
  [121.37, 30.86],
  [121.4, 30.82],
  [121.43, 30.79],
  [121.46, 30.72],
  [121.46, 30.6]
];

/** Dianshan Lake (淀山湖), mostly in Qingpu; drawn for the preview and used for the ecological red line. */
export const DIANSHAN_LAKE: Position[] = [
  [120.9, 31.135],
  [120.92, 31.1],
  [120.95, 31.085],
  [120.985, 31.09],
  [121.005, 31.105],
  [121.0, 31.135],
  [120.975, 31.16],
  [120.945, 31.175],
  [120.915, 31.165]
];

/** Yangtze main stream bank used for the 1 km constraint band (沪规土资规〔2018〕3号): Baoshan → Pudong airport. */
export const YANGTZE_BANK: Position[] = MAINLAND.slice(
  0,
  MAINLAND.findIndex((p) => p[0] === 121.835 && p[1] === 31.16) + 1
);

/** Outer Ring (S20) as a schematic loop: the central city (中心城) is roughly what it encloses. */
export const OUTER_RING: Position[] = [
  [121.37, 31.195],
  [121.385, 31.15],
  [121.4, 31.115],
  [121.44, 31.1],
  [121.478, 31.098],
  [121.53, 31.105],
  [121.58, 31.115],
  [121.62, 31.14],
  [121.655, 31.18],
  [121.665, 31.22],
  [121.655, 31.265],
  [121.62, 31.31],
  [121.58, 31.345],
  [121.53, 31.37],
  [121.48, 31.36],
  [121.44, 31.34],
  [121.4, 31.315],
  [121.375, 31.28],
  [121.365, 31.24]
];
