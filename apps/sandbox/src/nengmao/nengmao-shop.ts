import { Injectable } from '@nestjs/common';
import { NengmaoGoodsStore } from './nengmao-goods.store';
import { NengmaoOrderStore } from './nengmao-order.store';
import { NengmaoReturnStore } from './nengmao-return.store';

/** `nengmao`: the brand API under `/nengmao`; `tmg`: the TMALL Global shops API under `/tmg`. */
export type NengmaoShopName = 'nengmao' | 'tmg';

/** The state of one simulated API: its own orders, returns, goods, stock and prices (the two APIs are two shops). */
export class NengmaoShop {
  readonly orders = new NengmaoOrderStore();
  readonly returns = new NengmaoReturnStore();
  readonly goods = new NengmaoGoodsStore();

  constructor(readonly name: NengmaoShopName) {}
}

@Injectable()
export class NengmaoShops {
  readonly brand = new NengmaoShop('nengmao');
  readonly tmg = new NengmaoShop('tmg');

  byName(name: NengmaoShopName): NengmaoShop {
    return name === 'tmg' ? this.tmg : this.brand;
  }
}
