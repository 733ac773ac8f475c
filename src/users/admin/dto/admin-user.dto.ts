import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PaginationQueryDto } from '../../../common/dto/pagination-query.dto';
import { Envelope, OptionalText } from '../../../common/validation/decorators';
import { ROLES, type Role } from '../../../policy/roles';

export class AdminUsersQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: 'must be user, moderator or admin' })
  role?: Role;

  @ApiPropertyOptional({ enum: ['active', 'suspended'] })
  @IsOptional()
  @IsIn(['active', 'suspended'], { message: 'must be active or suspended' })
  status?: 'active' | 'suspended';

  @ApiPropertyOptional({ description: 'Part of the username or e-mail address', example: 'jake' })
  @OptionalText({ max: 254 })
  q?: string;
}

export class AdminUserDto {
  @ApiProperty({ example: 'jake' })
  username: string;

  @ApiProperty({ example: 'jake@jake.jake' })
  email: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ enum: ['active', 'suspended'] })
  status: 'active' | 'suspended';

  @ApiProperty()
  emailConfirmed: boolean;

  @ApiProperty({ type: 'integer', example: 3 })
  articlesCount: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class SingleAdminUserResponseDto {
  @ApiProperty({ type: AdminUserDto })
  user: AdminUserDto;
}

export class MultipleAdminUsersResponseDto {
  @ApiProperty({ type: [AdminUserDto] })
  users: AdminUserDto[];

  @ApiProperty({ type: 'integer', example: 1 })
  usersCount: number;
}

export class ManageUserDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: 'must be user, moderator or admin' })
  role?: Role;

  @ApiPropertyOptional({ description: 'true suspends (signs out, refuses sign-in); false restores' })
  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  suspended?: boolean;
}

export class ManageUserRequestDto {
  @ApiProperty({ type: ManageUserDto })
  @Envelope(() => ManageUserDto)
  user: ManageUserDto;
}
