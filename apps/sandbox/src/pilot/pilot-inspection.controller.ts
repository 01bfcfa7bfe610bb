import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { CallbackEntry, PilotCallbackOutbox } from './pilot-callback.outbox';
import { PilotCallbackReceiver, ReceivedCallback } from './pilot-callback-receiver.service';
import { PilotInventoryService } from './pilot-inventory.service';
import { PilotInventoryStore, PilotStockItem } from './pilot-inventory.store';
import { NewPackage, PackageTransitionRefused, PilotPackageLifecycle } from './pilot-package-lifecycle.service';
import { toPackageRecord } from './pilot-package.mapper';
import { PilotPackage, PilotPackageStore } from './pilot-package.store';
import { PilotPurchaseStore } from './pilot-purchase.store';
import { PilotFreightProductStore } from './pilot-freight-product.store';
import { PILOT_PACKAGE_STATUSES, PilotFreightProduct, PilotPackageRecord, PilotPackageStatus, PilotPurchase } from './pilot.wire';

export interface StockView {
  readonly sku: string;
  readonly merchantGoodsNo: string;
  readonly warehouseGoodsNo: string;
  readonly barcodes: string;
  readonly onHand: number;
  readonly reserved: number;
  readonly usable: number;
}

export interface PackageView extends PilotPackageRecord {
  readonly waitingForStock: boolean;
  readonly nextStepAt: string | null;
  readonly callbacks: CallbackEntry[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a planted package: `{deliveryOrderCode, lines: [{sku, quantity}], store?, carrier?, consignee?, trackingReference?}`. */
function readNewPackage(body: unknown): NewPackage {
  if (!isRecord(body)) throw new BadRequestException('body must be an object');
  const { deliveryOrderCode, lines, store, carrier, consignee, trackingReference } = body;
  if (typeof deliveryOrderCode !== 'string' || deliveryOrderCode === '') throw new BadRequestException('deliveryOrderCode is required');
  if (!Array.isArray(lines) || lines.length === 0) throw new BadRequestException('lines must list [{sku, quantity}]');
  const parsedLines = lines.map((line: unknown) => {
    if (
      !isRecord(line) ||
      typeof line.sku !== 'string' ||
      typeof line.quantity !== 'number' ||
      !Number.isInteger(line.quantity) ||
      line.quantity < 1
    )
      throw new BadRequestException('each line is {sku: string, quantity: whole number >= 1}');
    return { sku: line.sku, quantity: line.quantity };
  });
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  return {
    deliveryOrderCode,
    lines: parsedLines,
    store: text(store) || 'sandbox',
    carrier: typeof carrier === 'string' ? carrier : undefined,
    trackingReference: typeof trackingReference === 'string' ? trackingReference : undefined,
    consignee: isRecord(consignee)
      ? {
          name: text(consignee.name),
          mobile: text(consignee.mobile),
          province: text(consignee.province),
          city: text(consignee.city),
          address: text(consignee.address),
        }
      : undefined,
  };
}

/** What tests and the demo may look at or plant in the 3PL; no auth, never part of the provider API. */
@Controller('_sandbox/pilot')
export class PilotInspectionController {
  constructor(
    private readonly packages: PilotPackageStore,
    private readonly lifecycle: PilotPackageLifecycle,
    private readonly inventory: PilotInventoryStore,
    private readonly inventoryService: PilotInventoryService,
    private readonly purchases: PilotPurchaseStore,
    private readonly outbox: PilotCallbackOutbox,
    private readonly receiver: PilotCallbackReceiver,
    private readonly freightProducts: PilotFreightProductStore,
  ) {}

  /** The freight-forward customs product of a SKU, as the last PUT left it. */
  @Get('products/:skuNumber')
  freightProduct(@Param('skuNumber') skuNumber: string): PilotFreightProduct {
    const product = this.freightProducts.find(skuNumber);
    if (!product) throw new NotFoundException(`No freight-forward product ${skuNumber}`);
    return product;
  }

  @Get('packages')
  list(@Query('status') status?: string): PackageView[] {
    return this.packages
      .all()
      .filter((p) => status === undefined || p.status === status)
      .map((p) => this.view(p));
  }

  @Get('packages/:deliveryOrderCode')
  one(@Param('deliveryOrderCode') code: string): PackageView {
    return this.view(this.require(code));
  }

  @Post('packages')
  @HttpCode(201)
  plant(@Body() body: unknown): PackageView {
    const input = readNewPackage(body);
    if (this.packages.find(input.deliveryOrderCode)) throw new ConflictException(`Package ${input.deliveryOrderCode} exists`);
    return this.view(this.lifecycle.createPackage(input));
  }

  @Post('packages/:deliveryOrderCode/cancel')
  @HttpCode(200)
  cancel(@Param('deliveryOrderCode') code: string): PackageView {
    const pkg = this.require(code);
    this.refusedAsConflict(() => this.lifecycle.cancel(pkg));
    return this.view(pkg);
  }

  /** Moves a package to `{status}` now, through the steps in between. */
  @Post('packages/:deliveryOrderCode/status')
  @HttpCode(200)
  force(@Param('deliveryOrderCode') code: string, @Body() body: { status?: unknown } | undefined): PackageView {
    const pkg = this.require(code);
    const status = body?.status;
    if (typeof status !== 'string' || !(PILOT_PACKAGE_STATUSES as readonly string[]).includes(status))
      throw new BadRequestException(`status must be one of ${PILOT_PACKAGE_STATUSES.join(', ')}`);
    this.refusedAsConflict(() => this.lifecycle.force(pkg, status as PilotPackageStatus));
    return this.view(pkg);
  }

  @Get('stock')
  stock(): StockView[] {
    return this.inventory.all().map((i) => this.stockView(i));
  }

  /** By catalogue SKU, merchant or warehouse goods number, or barcode. */
  @Get('stock/:id')
  stockOf(@Param('id') id: string): StockView {
    return this.stockView(this.requireItem(id));
  }

  /** Sets the stock on hand: `{onHand}` (never below what packed packages hold). */
  @Post('stock/:id')
  @HttpCode(200)
  setStock(@Param('id') id: string, @Body() body: { onHand?: unknown } | undefined): StockView {
    const item = this.requireItem(id);
    const onHand = body?.onHand;
    if (typeof onHand !== 'number' || !Number.isInteger(onHand) || onHand < 0)
      throw new BadRequestException('onHand must be a whole number >= 0');
    this.inventory.setOnHand(item, onHand);
    return this.stockView(item);
  }

  @Get('purchases')
  purchaseList(): (PilotPurchase & { purchaseOrderNo: string })[] {
    return this.purchases.all().map((p) => ({ purchaseOrderNo: p.purchaseOrderNo, ...this.inventoryService.toWirePurchase(p) }));
  }

  /** Callbacks sent (and being retried), grouped by package, in order. */
  @Get('callbacks')
  callbacks(): Record<string, CallbackEntry[]> {
    const grouped: Record<string, CallbackEntry[]> = {};
    for (const entry of this.outbox.entries()) (grouped[entry.deliveryOrderCode] ??= []).push(entry);
    return grouped;
  }

  /** Callbacks logistics providers sent to `POST /pilot/callback/{store}`. */
  @Get('callbacks/received')
  received(): readonly ReceivedCallback[] {
    return this.receiver.all();
  }

  private view(pkg: PilotPackage): PackageView {
    const open = pkg.status !== 'SHIPPED' && pkg.status !== 'CANCEL';
    return {
      ...toPackageRecord(pkg, this.inventory),
      waitingForStock: pkg.waitingForStock,
      nextStepAt: open ? new Date(pkg.nextStepAtMs).toISOString() : null,
      callbacks: this.outbox.entries(pkg.deliveryOrderCode),
    };
  }

  private stockView(item: PilotStockItem): StockView {
    return {
      sku: item.sku,
      merchantGoodsNo: item.body.merchantGoodsNo,
      warehouseGoodsNo: item.body.warehouseGoodsNo,
      barcodes: item.body.barcodes,
      onHand: item.onHand,
      reserved: item.reserved,
      usable: this.inventory.usable(item),
    };
  }

  private require(code: string): PilotPackage {
    const pkg = this.packages.find(code);
    if (!pkg) throw new NotFoundException(`No package ${code}`);
    return pkg;
  }

  private requireItem(id: string): PilotStockItem {
    const item = this.inventory.find(id);
    if (!item) throw new NotFoundException(`No product ${id} at the 3PL`);
    return item;
  }

  private refusedAsConflict(action: () => void): void {
    try {
      action();
    } catch (error) {
      if (error instanceof PackageTransitionRefused) throw new ConflictException(error.message);
      throw error;
    }
  }
}
