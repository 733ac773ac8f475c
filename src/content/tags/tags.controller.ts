import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiCommonErrors } from '../../common/decorators/api-responses.decorator';
import { Auth } from '../../common/decorators/auth.decorator';
import { TagsResponseDto } from './dto/tags-response.dto';
import { TagsService } from './tags.service';

@ApiTags('Tags')
@ApiCommonErrors()
@Controller('tags')
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  @Get()
  @Auth('none')
  @ApiOperation({ operationId: 'GetTags', summary: 'List the tags in use' })
  @ApiOkResponse({ type: TagsResponseDto, description: 'The tags in use, the most used first' })
  findAll(): Promise<TagsResponseDto> {
    return this.tags.findAll();
  }
}
