import { ApiProperty } from '@nestjs/swagger';

export class OrgUnitDto {
  @ApiProperty({ example: 'solgarden' })
  id!: string;

  @ApiProperty({ example: 'Särskilt boende Solgården' })
  name!: string;

  @ApiProperty({ type: String, nullable: true, example: 'aldreomsorg' })
  parentId!: string | null;

  @ApiProperty({ type: () => [OrgUnitDto], description: 'Underordnade enheter' })
  children!: OrgUnitDto[];
}

export class OrgUnitsDto {
  @ApiProperty({ type: [OrgUnitDto], description: 'Enhetsträdet, från förvaltningen och nedåt' })
  items!: OrgUnitDto[];
}
