import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth-user';
import { ApiCommonErrors } from '../../common/decorators/api-responses.decorator';
import { Auth } from '../../common/decorators/auth.decorator';
import { CurrentUser } from '../../common/decorators/current-user.decorator';
import { PaginationQueryDto } from '../../common/dto/pagination-query.dto';
import { ApiInvalidPage } from '../articles/articles.api';
import { TrashResponseDto } from './dto/trash.dto';
import { TrashService } from './trash.service';

@ApiTags('Trash')
@ApiCommonErrors()
@Controller('user/trash')
export class TrashController {
  constructor(private readonly trash: TrashService) {}

  @Get()
  @ApiOperation({
    operationId: 'GetTrash',
    summary: "The caller's deleted articles and comments, newest deletion first, until they are purged",
    description:
      'Restore with `POST /api/articles/{slug}/restore` or `POST /api/articles/{slug}/comments/{id}/restore`; ' +
      'what a moderator removed shows here but only a moderator can restore it.',
  })
  @Auth('required')
  @ApiOkResponse({ type: TrashResponseDto, description: 'One page of the trash and its total' })
  @ApiInvalidPage()
  list(@Query() query: PaginationQueryDto, @CurrentUser() user: AuthUser): Promise<TrashResponseDto> {
    return this.trash.list(user, query);
  }
}
