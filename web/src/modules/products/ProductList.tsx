/** /products: the engine's generic list of products; the `image` column shows the primary image as a thumbnail. */
import { RecordListPage, type RecordListExtras } from '../../ui/records/RecordListPage';
import { ProductImageCell } from './ImagesCard';

const extras: RecordListExtras = { cells: { image: ProductImageCell } };

export function ProductList() {
  return <RecordListPage name="products" extras={extras} />;
}
