import { BadRequestException, Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Put } from '@nestjs/common';
import { FaultInjector, FaultRuleView } from './fault-injector';
import { FaultRuleError } from './fault-rule.parser';

function refusing<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof FaultRuleError) throw new BadRequestException({ message: 'Invalid fault rules', problems: error.problems });
    throw error;
  }
}

/** Switches faults on and off at run time (README: "Fault injection"). */
@Controller('_sandbox/faults')
export class FaultsController {
  constructor(private readonly injector: FaultInjector) {}

  @Get()
  list(): { rules: FaultRuleView[] } {
    return { rules: this.injector.list() };
  }

  /** Adds rules (one, a list, or `{ seed, rules }`); a rule with an existing id replaces it. */
  @Post()
  @HttpCode(200)
  add(@Body() body: unknown): { rules: FaultRuleView[] } {
    return { rules: refusing(() => this.injector.add(body)) };
  }

  /** Replaces every rule with the ones given. */
  @Put()
  replace(@Body() body: unknown): { rules: FaultRuleView[] } {
    return { rules: refusing(() => this.injector.replace(body)) };
  }

  @Put(':id')
  put(@Param('id') id: string, @Body() body: unknown): { rules: FaultRuleView[] } {
    return { rules: refusing(() => this.injector.put(id, body)) };
  }

  @Delete()
  clear(): { rules: FaultRuleView[] } {
    this.injector.clear();
    return { rules: [] };
  }

  @Delete(':id')
  remove(@Param('id') id: string): { rules: FaultRuleView[] } {
    if (!this.injector.remove(id)) throw new NotFoundException(`No fault rule ${id}`);
    return { rules: this.injector.list() };
  }
}
