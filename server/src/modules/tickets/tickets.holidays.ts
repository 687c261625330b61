/**
 * Vietnam's public holidays 2026–2027 as sample data for a calendar (the demo's support calendar uses them).
 * Tết (Lunar New Year) follows the lunar calendar: mùng 1 Tết is 17 Feb 2026 and 6 Feb 2027; Hùng Kings'
 * Commemoration is the 10th day of the 3rd lunar month (26 Apr 2026, a Sunday, carried to Monday 27; 16 Apr 2027).
 * The days off around Tết and National Day follow the government's decision of each year (2026: 14–22 Feb, as
 * announced; 2027: the five statutory days 5–9 Feb plus the two weekend days carried over): check them each year.
 */
export const VIETNAM_HOLIDAYS_2026_2027: { date: string; name: string }[] = [
  { date: '2026-01-01', name: 'Tết Dương lịch / New Year' },
  ...['14', '15', '16', '17', '18', '19', '20', '21', '22'].map((d) => ({ date: `2026-02-${d}`, name: 'Tết Nguyên đán / Lunar New Year' })),
  { date: '2026-04-27', name: 'Giỗ Tổ Hùng Vương (bù) / Hùng Kings (in lieu)' },
  { date: '2026-04-30', name: 'Ngày Giải phóng miền Nam / Reunification Day' },
  { date: '2026-05-01', name: 'Quốc tế Lao động / Labour Day' },
  { date: '2026-09-01', name: 'Quốc khánh / National Day' },
  { date: '2026-09-02', name: 'Quốc khánh / National Day' },
  { date: '2027-01-01', name: 'Tết Dương lịch / New Year' },
  ...['05', '06', '07', '08', '09', '10', '11'].map((d) => ({ date: `2027-02-${d}`, name: 'Tết Nguyên đán / Lunar New Year' })),
  { date: '2027-04-16', name: 'Giỗ Tổ Hùng Vương / Hùng Kings Commemoration' },
  { date: '2027-04-30', name: 'Ngày Giải phóng miền Nam / Reunification Day' },
  { date: '2027-05-01', name: 'Quốc tế Lao động / Labour Day' },
  { date: '2027-05-03', name: 'Quốc tế Lao động (bù) / Labour Day (in lieu)' },
  { date: '2027-09-02', name: 'Quốc khánh / National Day' },
  { date: '2027-09-03', name: 'Quốc khánh / National Day' },
];
