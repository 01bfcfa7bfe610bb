import { SeededRandom } from './seeded-random';

/**
 * Deterministic Chinese consignees for the simulated marketplaces: names, mobile numbers, resident
 * ID card numbers (GB 11643-1999, with a valid check character) and addresses in real provinces,
 * cities and districts. The same SeededRandom state gives the same people.
 */

export interface ChineseAddress {
  readonly province: string;
  readonly city: string;
  readonly district: string;
  /** Street, road and building, e.g. `梅林街道 翰岭院11栋1102`. */
  readonly street: string;
  readonly zipcode: string;
  /** Administrative division code of the district (the first six digits of an ID card issued there). */
  readonly divisionCode: string;
}

export interface ChinesePerson {
  readonly name: string;
  readonly mobile: string;
  readonly idCardNumber: string;
  readonly address: ChineseAddress;
}

interface DistrictEntry {
  readonly name: string;
  readonly code: string;
  readonly zipcode: string;
  readonly streets: readonly string[];
}

interface CityEntry {
  readonly province: string;
  readonly city: string;
  readonly districts: readonly DistrictEntry[];
}

/** Real divisions (names, codes and postal codes), about fifteen provinces and municipalities. */
const CITIES: readonly CityEntry[] = [
  {
    province: '北京市',
    city: '北京市',
    districts: [
      { name: '朝阳区', code: '110105', zipcode: '100020', streets: ['建国路', '朝阳北路', '望京街'] },
      { name: '海淀区', code: '110108', zipcode: '100080', streets: ['中关村大街', '学院路', '知春路'] },
    ],
  },
  {
    province: '上海市',
    city: '上海市',
    districts: [
      { name: '浦东新区', code: '310115', zipcode: '200120', streets: ['世纪大道', '张杨路', '陆家嘴环路'] },
      { name: '黄浦区', code: '310101', zipcode: '200001', streets: ['南京东路', '淮海中路', '西藏中路'] },
    ],
  },
  {
    province: '广东省',
    city: '广州市',
    districts: [
      { name: '天河区', code: '440106', zipcode: '510620', streets: ['天河路', '体育西路', '珠江新城花城大道'] },
      { name: '越秀区', code: '440104', zipcode: '510030', streets: ['北京路', '环市东路', '水荫路'] },
    ],
  },
  {
    province: '广东省',
    city: '深圳市',
    districts: [
      { name: '福田区', code: '440304', zipcode: '518000', streets: ['深南大道', '梅林路', '福华一路'] },
      { name: '南山区', code: '440305', zipcode: '518052', streets: ['科技园南路', '后海大道', '南海大道'] },
    ],
  },
  {
    province: '浙江省',
    city: '杭州市',
    districts: [
      { name: '西湖区', code: '330106', zipcode: '310012', streets: ['文三路', '教工路', '天目山路'] },
      { name: '滨江区', code: '330108', zipcode: '310051', streets: ['江南大道', '网商路', '滨盛路'] },
    ],
  },
  {
    province: '江苏省',
    city: '南京市',
    districts: [
      { name: '鼓楼区', code: '320106', zipcode: '210008', streets: ['中山北路', '湖南路', '北京西路'] },
      { name: '建邺区', code: '320105', zipcode: '210019', streets: ['江东中路', '应天大街', '河西大街'] },
    ],
  },
  {
    province: '江苏省',
    city: '苏州市',
    districts: [{ name: '姑苏区', code: '320508', zipcode: '215000', streets: ['人民路', '干将西路', '观前街'] }],
  },
  {
    province: '四川省',
    city: '成都市',
    districts: [
      { name: '锦江区', code: '510104', zipcode: '610021', streets: ['春熙路', '东大街', '红星路'] },
      { name: '武侯区', code: '510107', zipcode: '610041', streets: ['人民南路', '科华北路', '玉林南路'] },
    ],
  },
  {
    province: '湖北省',
    city: '武汉市',
    districts: [
      { name: '武昌区', code: '420106', zipcode: '430061', streets: ['中南路', '武珞路', '中北路'] },
      { name: '江汉区', code: '420103', zipcode: '430021', streets: ['解放大道', '建设大道', '新华路'] },
    ],
  },
  {
    province: '湖南省',
    city: '长沙市',
    districts: [
      { name: '开福区', code: '430105', zipcode: '410005', streets: ['芙蓉中路一段', '湘江中路', '营盘路'] },
      { name: '岳麓区', code: '430104', zipcode: '410006', streets: ['麓山南路', '桐梓坡路', '枫林一路'] },
    ],
  },
  {
    province: '福建省',
    city: '厦门市',
    districts: [{ name: '思明区', code: '350203', zipcode: '361001', streets: ['湖滨南路', '中山路', '厦禾路'] }],
  },
  {
    province: '山东省',
    city: '青岛市',
    districts: [{ name: '市南区', code: '370202', zipcode: '266001', streets: ['香港中路', '山东路', '中山路'] }],
  },
  {
    province: '陕西省',
    city: '西安市',
    districts: [{ name: '雁塔区', code: '610113', zipcode: '710061', streets: ['小寨西路', '长安南路', '高新路'] }],
  },
  {
    province: '天津市',
    city: '天津市',
    districts: [{ name: '和平区', code: '120101', zipcode: '300041', streets: ['南京路', '滨江道', '营口道'] }],
  },
  {
    province: '重庆市',
    city: '重庆市',
    districts: [{ name: '渝中区', code: '500103', zipcode: '400010', streets: ['解放碑民权路', '中山三路', '较场口'] }],
  },
  {
    province: '辽宁省',
    city: '沈阳市',
    districts: [{ name: '和平区', code: '210102', zipcode: '110001', streets: ['太原北街', '中华路', '南京北街'] }],
  },
];

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
  '彭',
  '曾',
  '肖',
  '田',
  '董',
  '潘',
  '袁',
  '蔡',
  '蒋',
  '余',
  '欧阳',
  '司马',
];
const GIVEN_CHARACTERS = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀',
  '霞',
  '平',
  '刚',
  '桂',
  '英',
  '华',
  '玉',
  '萍',
  '红',
  '鹏',
  '辉',
  '宇',
  '晨',
  '欣',
  '怡',
  '轩',
  '浩',
  '子',
  '涵',
  '梓',
  '睿',
  '婷',
  '雪',
  '琳',
  '佳',
  '嘉',
  '思',
  '文',
  '博',
  '然',
  '悦',
  '雨',
];
/** Mobile prefixes in use by the three operators (all `1[3-9]x`). */
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '170',
  '173',
  '175',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
];
const COMPOUNDS = ['小区', '花园', '公寓', '大厦', '苑', '广场', '新村'];
const COMPOUND_NAMES = ['翰岭', '锦绣', '阳光', '金色', '碧海', '翠湖', '丽景', '华府', '紫荆', '御景', '天悦', '书香'];

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARACTERS = '10X98765432';

/** The check character of a resident ID card number from its first seventeen digits (ISO 7064 MOD 11-2). */
export function chineseIdCardCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('An ID card number starts with seventeen digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK_CHARACTERS.charAt(sum % 11);
}

/** Whether an 18-character resident ID card number has a valid check character (format only, not a registry look-up). */
export function isValidChineseIdCard(value: string): boolean {
  return /^\d{17}[\dX]$/.test(value) && chineseIdCardCheckCharacter(value.slice(0, 17)) === value.charAt(17);
}

export class ChinesePeopleGenerator {
  constructor(private readonly random: SeededRandom) {}

  person(): ChinesePerson {
    const address = this.address();
    return { name: this.name(), mobile: this.mobile(), idCardNumber: this.idCardNumber(address.divisionCode), address };
  }

  name(): string {
    const given = this.random.chance(0.7) ? 2 : 1;
    let out = this.random.pick(SURNAMES);
    for (let i = 0; i < given; i += 1) out += this.random.pick(GIVEN_CHARACTERS);
    return out;
  }

  /** Eleven digits, `1[3-9]x` followed by eight digits. */
  mobile(): string {
    // One flat string (appending digit by digit would leave a chain of cons-strings per number).
    return this.random.pick(MOBILE_PREFIXES) + String(this.random.int(0, 99_999_999)).padStart(8, '0');
  }

  /** Eighteen characters: division code, birth date (adults born 1960-2004), sequence, check character. */
  idCardNumber(divisionCode?: string): string {
    const code = divisionCode ?? this.random.pick(this.random.pick(CITIES).districts).code;
    const year = this.random.int(1960, 2004);
    const month = this.random.int(1, 12);
    const day = this.random.int(1, 28);
    const sequence = String(this.random.int(1, 999)).padStart(3, '0');
    const first17 = `${code}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${sequence}`;
    return first17 + chineseIdCardCheckCharacter(first17);
  }

  address(): ChineseAddress {
    const city = this.random.pick(CITIES);
    const district = this.random.pick(city.districts);
    const road = this.random.pick(district.streets);
    const number = this.random.int(1, 388);
    const compound = `${this.random.pick(COMPOUND_NAMES)}${this.random.pick(COMPOUNDS)}`;
    const building = this.random.int(1, 32);
    const room = `${this.random.int(1, 33)}${String(this.random.int(1, 8)).padStart(2, '0')}`;
    return {
      province: city.province,
      city: city.city,
      district: district.name,
      street: `${road}${number}号 ${compound}${building}栋${room}`,
      zipcode: district.zipcode,
      divisionCode: district.code,
    };
  }
}
