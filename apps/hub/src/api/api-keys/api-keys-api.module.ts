import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/auth.module';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';

@Module({ imports: [AuthModule], controllers: [ApiKeysController], providers: [ApiKeysService] })
export class ApiKeysApiModule {}
