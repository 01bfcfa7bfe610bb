import { Module } from '@nestjs/common';
import { ReturnsController, ReturnsService } from './returns.controller';

@Module({ controllers: [ReturnsController], providers: [ReturnsService] })
export class ReturnsApiModule {}
