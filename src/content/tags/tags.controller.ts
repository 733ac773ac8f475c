import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/decorators/public.decorator';
import { TagsResponseDto } from './dto/tags-response.dto';
import { TagsService } from './tags.service';

@ApiTags('Tags')
@Controller('tags')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @Get()
  @Public()
  @ApiOperation({ operationId: 'GetTags', summary: 'List the tags in use' })
  @ApiOkResponse({ type: TagsResponseDto })
  list(): Promise<TagsResponseDto> {
    return this.tags.listInUse();
  }
}
