export { ContactPage } from './ContactPage';
export { CompanyPage } from './CompanyPage';
