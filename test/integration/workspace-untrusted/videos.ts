// Sample source with VideoIds, for the integration and end-to-end tests.
export const intro = '9b73864d75f14e5f60d231e9001cd5f8'; // the API page's example
export const launch = 'c6436e5fae66efefeb1b031e5854416e'; // 产品发布会 2026
export const hostile = '394fc3523bf88a3992876e1de9538711';
export const missing = 'b66f4d77ff6d8f5f2f0a1ef98b43871a';
export const beijing = '83e44555437efa157ec40f23f3c982d9';
export const md5 = '9ae2af636ca64835b0c10412f44891f2'; // vod-lookup-ignore
