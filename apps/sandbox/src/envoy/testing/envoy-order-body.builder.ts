/** A minimal valid Envoy create body for tests: one line of `skuNumber`, a Chinese consignee. */
export function envoyOrderBody(clientOrderRef: string, overrides: Record<string, unknown> = {}, skuNumber = 'SKU-000001', quantity = 1) {
  return {
    clientOrderRef,
    platformName: 'youzan',
    items: [
      { product: { productId: 1001, name: '测试商品', skus: [{ skuNumber, price: 10.1 }] }, quantity, price: 10.1, discount: 0, tax: 1.2 },
    ],
    customer: {
      firstName: '伟',
      lastName: '王',
      phone: '13800138000',
      state: '上海市',
      city: '上海市',
      address1: '浦东新区 世纪大道100号',
    },
    payAmount: 11.3,
    ...overrides,
  };
}
