import { Module } from '@nestjs/common';
import { SyncController, SyncService } from './sync.controller';

@Module({ controllers: [SyncController], providers: [SyncService] })
export class SyncApiModule {}
