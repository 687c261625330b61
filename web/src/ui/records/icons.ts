/**
 * Icons an object may carry (`RecordType.icon` is a Tabler icon name). A fixed set keeps the bundle small;
 * an unknown name shows the box.
 */
import {
  IconBook, IconBox, IconBriefcase, IconBuildingStore, IconCalendar, IconCar, IconDeviceLaptop, IconFileText, IconFlag, IconHeart,
  IconHome, IconMapPin, IconPackage, IconReceipt, IconShoppingCart, IconStar, IconTicket, IconTool, IconTruck, IconUsers,
  IconUserSearch,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

type Icon = ComponentType<{ size?: number | string; stroke?: number }>;

export const OBJECT_ICONS: Record<string, Icon> = {
  box: IconBox, car: IconCar, truck: IconTruck, package: IconPackage, tool: IconTool, 'building-store': IconBuildingStore,
  home: IconHome, briefcase: IconBriefcase, calendar: IconCalendar, 'file-text': IconFileText, ticket: IconTicket, star: IconStar,
  heart: IconHeart, flag: IconFlag, users: IconUsers, 'device-laptop': IconDeviceLaptop, 'shopping-cart': IconShoppingCart,
  receipt: IconReceipt, 'map-pin': IconMapPin, book: IconBook, 'user-search': IconUserSearch,
};

export const objectIcon = (name: string): Icon => OBJECT_ICONS[name] ?? IconBox;
