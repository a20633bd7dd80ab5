-- Reference data every installation needs (not demo data): the 17 authorities and the zoning layer kinds.
insert into authorities (code, name_zh, name_en, kind) values
  ('huangpu', '黄浦区', 'Huangpu', 'district'), ('xuhui', '徐汇区', 'Xuhui', 'district'),
  ('changning', '长宁区', 'Changning', 'district'), ('jingan', '静安区', 'Jing''an', 'district'),
  ('putuo', '普陀区', 'Putuo', 'district'), ('hongkou', '虹口区', 'Hongkou', 'district'),
  ('yangpu', '杨浦区', 'Yangpu', 'district'), ('minhang', '闵行区', 'Minhang', 'district'),
  ('baoshan', '宝山区', 'Baoshan', 'district'), ('jiading', '嘉定区', 'Jiading', 'district'),
  ('pudong', '浦东新区', 'Pudong New Area', 'district'), ('jinshan', '金山区', 'Jinshan', 'district'),
  ('songjiang', '松江区', 'Songjiang', 'district'), ('qingpu', '青浦区', 'Qingpu', 'district'),
  ('fengxian', '奉贤区', 'Fengxian', 'district'), ('chongming', '崇明区', 'Chongming', 'district'),
  ('lingang', '临港新片区', 'Lingang New Area', 'lingang');

insert into layer_kinds (code, name_zh, name_en, purpose, color, sort) values
  ('district', '行政区', 'Districts', 'authority', '#6b7280', 10),
  ('lingang', '临港新片区', 'Lingang New Area', 'authority', '#0ea5e9', 20),
  ('development_boundary', '城市开发边界', 'Urban development boundary', 'zoning', '#f59e0b', 30),
  ('industrial_block', '规划产业区块', 'Planned industrial blocks', 'zoning', '#8b5cf6', 40),
  ('strategic_reserve', '战略预留区', 'Strategic reserve areas', 'zoning', '#ef4444', 50),
  ('basic_farmland', '永久基本农田', 'Permanent basic farmland', 'conflict', '#16a34a', 60),
  ('eco_redline', '生态保护红线', 'Ecological protection red line', 'conflict', '#059669', 70),
  ('central_city', '中心城', 'Central city', 'constraint', '#64748b', 80),
  ('river_buffer', '长江黄浦江沿岸1公里', '1 km from the Yangtze and Huangpu', 'constraint', '#2563eb', 90);
