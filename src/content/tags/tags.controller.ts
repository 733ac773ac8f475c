import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCommonErrors } from '../../common/decorators/api-responses.decorator';
import { Public } from '../../common/decorators/public.decorator';
import { TagsResponseDto } from './dto/tags-response.dto';
import { TagsService } from './tags.service';

@ApiTags('Tags')
@ApiCommonErrors()
@Controller('tags')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @Get()
  @Public()
  @ApiOperation({ operationId: 'GetTags', summary: 'List the tags in use' })
  @ApiOkResponse({ type: TagsResponseDto, description: 'The tags in use, the most used first' })
  list(): Promise<TagsResponseDto> {
    return this.tags.listInUse();
  }
}
