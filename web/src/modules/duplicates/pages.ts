export { DuplicatesPage } from './DuplicatesPage';
export { MergePage } from './MergePage';
export { RecycleBinPage } from './RecycleBinPage';
