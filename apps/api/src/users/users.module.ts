import { Global, Module } from '@nestjs/common';
import { PersonChecks } from './person-checks';
import { UserDirectory } from './user-directory.service';
import { UsersController } from './users.controller';

/** Global: every module whose commands give work to a person asks `PersonChecks`. */
@Global()
@Module({
  controllers: [UsersController],
  providers: [UserDirectory, PersonChecks],
  exports: [UserDirectory, PersonChecks],
})
export class UsersModule {}
