/** Settings › Objects pages, loaded on first visit. */
export { ObjectsPage } from './ObjectsPage';
export { ObjectFieldsPage } from './ObjectFieldsPage';
