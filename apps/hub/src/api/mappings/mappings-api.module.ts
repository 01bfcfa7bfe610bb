import { Module } from '@nestjs/common';
import { MappingsController } from './mappings.controller';
import { MappingsApiService } from './mappings.service';

@Module({ controllers: [MappingsController], providers: [MappingsApiService] })
export class MappingsApiModule {}
