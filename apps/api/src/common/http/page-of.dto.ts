import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

/** The answer of a paged list: one page of `item`s and where it lies in the whole (`total` items). */
export function PageOf<Item>(item: Type<Item>) {
  class Page {
    @ApiProperty({ type: [item] }) items!: Item[];
    @ApiProperty() total!: number;
    @ApiProperty() page!: number;
    @ApiProperty() pageSize!: number;
  }
  return Page;
}
