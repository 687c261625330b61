import { describe, expect, it } from 'vitest';
import { callName, displayPersonName, greetPerson, nameOrderOf, personSortKey, type PersonNameParts } from './person-names.js';

type Row = [given: string, family: string, country: string | null, display: string, sortKey: string, viGreeting: string, enGreeting: string];

// Real-world names with the display, sort key and greetings a native writer expects.
const table: Row[] = [
  // Vietnamese with diacritics
  ['Thị Minh Khai', 'Nguyễn', null, 'Nguyễn Thị Minh Khai', 'khai nguyen thi minh', 'Chào Khai', 'Hi Khai'],
  ['Văn An', 'Nguyễn', null, 'Nguyễn Văn An', 'an nguyen van', 'Chào An', 'Hi An'],
  ['Thị Lan', 'Trần', null, 'Trần Thị Lan', 'lan tran thi', 'Chào Lan', 'Hi Lan'],
  ['Minh Anh', 'Lê', null, 'Lê Minh Anh', 'anh le minh', 'Chào Anh', 'Hi Anh'],
  ['Đức Thắng', 'Phạm', null, 'Phạm Đức Thắng', 'thang pham duc', 'Chào Thắng', 'Hi Thắng'],
  ['Quốc Bảo', 'Hoàng', null, 'Hoàng Quốc Bảo', 'bao hoang quoc', 'Chào Bảo', 'Hi Bảo'],
  ['Ngọc Hân', 'Huỳnh', null, 'Huỳnh Ngọc Hân', 'han huynh ngoc', 'Chào Hân', 'Hi Hân'],
  ['Thu Trang', 'Võ', null, 'Võ Thu Trang', 'trang vo thu', 'Chào Trang', 'Hi Trang'],
  ['Hữu Phước', 'Đặng', null, 'Đặng Hữu Phước', 'phuoc dang huu', 'Chào Phước', 'Hi Phước'],
  ['Thanh Tâm', 'Bùi', null, 'Bùi Thanh Tâm', 'tam bui thanh', 'Chào Tâm', 'Hi Tâm'],
  ['Mỹ Linh', 'Đỗ', null, 'Đỗ Mỹ Linh', 'linh do my', 'Chào Linh', 'Hi Linh'],
  ['Gia Huy', 'Lý', null, 'Lý Gia Huy', 'huy ly gia', 'Chào Huy', 'Hi Huy'],
  ['Hoa', 'Mai', null, 'Mai Hoa', 'hoa mai', 'Chào Hoa', 'Hi Hoa'],
  ['Nữ Ngọc Hân', 'Tôn', null, 'Tôn Nữ Ngọc Hân', 'han ton nu ngoc', 'Chào Hân', 'Hi Hân'],
  ['Khải', 'Trương', null, 'Trương Khải', 'khai truong', 'Chào Khải', 'Hi Khải'],
  // Vietnamese without diacritics (as typed on a phone or exported by old systems)
  ['Van An', 'Nguyen', null, 'Nguyen Van An', 'an nguyen van', 'Chào An', 'Hi An'],
  ['Thi Lan', 'Tran', null, 'Tran Thi Lan', 'lan tran thi', 'Chào Lan', 'Hi Lan'],
  ['Minh Anh', 'Le', null, 'Le Minh Anh', 'anh le minh', 'Chào Anh', 'Hi Anh'],
  ['Van Khiem', 'Nguyen', null, 'Nguyen Van Khiem', 'khiem nguyen van', 'Chào Khiem', 'Hi Khiem'],
  ['Hong Nhung', 'Pham', 'VN', 'Pham Hong Nhung', 'nhung pham hong', 'Chào Nhung', 'Hi Nhung'],
  ['Quang Huy', 'Do', null, 'Do Quang Huy', 'huy do quang', 'Chào Huy', 'Hi Huy'],
  // Chinese, Korean, Japanese
  ['伟', '王', null, '王伟', '王 伟', 'Chào 王伟', 'Hi 王伟'],
  ['小明', '李', 'CN', '李小明', '李 小明', 'Chào 李小明', 'Hi 李小明'],
  ['민수', '김', null, '김민수', '김 민수', 'Chào 김민수', 'Hi 김민수'],
  ['太郎', '山田', null, '山田太郎', '山田 太郎', 'Chào 山田太郎', 'Hi 山田太郎'],
  ['Wei', 'Wang', 'CN', 'Wang Wei', 'wang wei', 'Chào Wang Wei', 'Hi Wang Wei'],
  ['Min-jun', 'Park', 'KR', 'Park Min-jun', 'park min jun', 'Chào Park Min-jun', 'Hi Park Min-jun'],
  ['Hiroshi', 'Tanaka', 'JP', 'Tanaka Hiroshi', 'tanaka hiroshi', 'Chào Tanaka Hiroshi', 'Hi Tanaka Hiroshi'],
  // Hungarian
  ['László', 'Nagy', 'HU', 'Nagy László', 'nagy laszlo', 'Chào László', 'Hi László'],
  ['Ödön', 'Kőműves', null, 'Kőműves Ödön', 'komuves odon', 'Chào Ödön', 'Hi Ödön'],
  // Western
  ['Henry', 'Walker', null, 'Henry Walker', 'walker henry', 'Chào Henry', 'Hi Henry'],
  ['Henry', 'Walker', 'VN', 'Henry Walker', 'walker henry', 'Chào Henry', 'Hi Henry'],
  ['Mary Ann', 'Smith', 'US', 'Mary Ann Smith', 'smith mary ann', 'Chào Mary', 'Hi Mary'],
  ['Anna', 'Müller', 'DE', 'Anna Müller', 'muller anna', 'Chào Anna', 'Hi Anna'],
  ['José', 'García Márquez', 'ES', 'José García Márquez', 'garcia marquez jose', 'Chào José', 'Hi José'],
  ['Emma', 'Thompson-Reed', 'GB', 'Emma Thompson-Reed', 'thompson reed emma', 'Chào Emma', 'Hi Emma'],
  ['Jean-Luc', 'Picard', 'FR', 'Jean-Luc Picard', 'picard jean luc', 'Chào Jean-Luc', 'Hi Jean-Luc'],
  ['Olivia', 'Lee', 'US', 'Olivia Lee', 'lee olivia', 'Chào Olivia', 'Hi Olivia'],
  ['Sarah', 'Le', 'US', 'Sarah Le', 'le sarah', 'Chào Sarah', 'Hi Sarah'],
  ['John', 'Nguyen', 'US', 'John Nguyen', 'nguyen john', 'Chào John', 'Hi John'],
  ['Kevin', 'Tran', null, 'Kevin Tran', 'tran kevin', 'Chào Kevin', 'Hi Kevin'],
  ['Lisa', 'Mai', null, 'Lisa Mai', 'mai lisa', 'Chào Lisa', 'Hi Lisa'],
  ['Søren', 'Kierkegaard', 'DK', 'Søren Kierkegaard', 'kierkegaard søren', 'Chào Søren', 'Hi Søren'],
  // One part only
  ['Madonna', '', null, 'Madonna', 'madonna', 'Chào Madonna', 'Hi Madonna'],
  ['', 'Nguyễn', null, 'Nguyễn', 'nguyen', 'Chào Nguyễn', 'Hi Nguyễn'],
];

describe('person names in their own order', () => {
  it.each(table)('%s / %s (%s) → %s', (given, family, country, display, sortKey, viGreeting, enGreeting) => {
    const p: PersonNameParts = { givenName: given, familyName: family, country };
    expect(displayPersonName(p)).toBe(display);
    expect(personSortKey(p)).toBe(sortKey);
    expect(greetPerson('vi', p)).toBe(viGreeting);
    expect(greetPerson('en', p)).toBe(enGreeting);
  });

  it('has at least 40 names in its table', () => expect(table.length).toBeGreaterThanOrEqual(40));

  it('takes a user-chosen order over detection', () => {
    const p: PersonNameParts = { givenName: 'Walker', familyName: 'Henry', order: 'family_first' };
    expect(displayPersonName(p)).toBe('Henry Walker');
    const q: PersonNameParts = { givenName: 'Văn An', familyName: 'Nguyễn', order: 'given_first' };
    expect(displayPersonName(q)).toBe('Văn An Nguyễn');
    expect(personSortKey(q)).toBe('nguyen van an');
    expect(callName(q)).toBe('Văn');
    expect(nameOrderOf(q)).toBe('given_first');
  });

  it('greets with a Vietnamese form of address when the contact has one', () => {
    expect(greetPerson('vi', { givenName: 'Thị Lan', familyName: 'Nguyễn', pronoun: 'chi' })).toBe('Chào chị Lan');
    expect(greetPerson('vi', { givenName: 'Henry', familyName: 'Walker', pronoun: 'anh' })).toBe('Chào anh Henry');
  });
});
