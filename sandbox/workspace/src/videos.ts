// VideoIds of every kind the sandbox's VOD emulator knows. Hover one, or put the cursor on one and run
// "VOD: Show Video Info" (F1, or right-click → "Show Video Info").

/** The example of the GetVideoInfo API page (cn-shanghai). */
export const EXAMPLE = '9b73864d75f14e5f60d231e9001cd5f8';

/** One video in each status. */
export const BY_STATUS = {
  normal: 'f95376143d1dd308125851568dbc595f', // Normal: cover, three snapshots, UserData
  uploading: '3ce38f587f84dda6918201ee27ec4e17', // Uploading: no cover yet; the panel refreshes itself
  uploadFailed: 'adaaf3d4566f989a00d2f53914bc6173', // UploadFail
  uploaded: '5926328fc1f8523f2c06d8bbe8215150', // UploadSucc: uploaded, not transcoded yet
  transcoding: 'b8cd9013f7cfab402321df3269a6a9f6', // Transcoding: the panel refreshes itself
  transcodeFailed: '30598924c0acd0a31af0b3935288eec9', // TranscodeFail
  blocked: '95a7a39f6702039b039bec18a212e59c', // Blocked by review
};

/** Text from around the world. */
export const TEXT = {
  chinese: 'c6436e5fae66efefeb1b031e5854416e', // 产品发布会 2026
  arabic: '4d26af51780b7d196865a5851c4d1985', // right-to-left title, Hebrew description
  emoji: '585f6fd149097ef003bbb9f59c51e466', // emoji, ZWJ sequences, flags
  long: '5cc144ee17446dc793ed48b71af2b71a', // 128-character title, 5,000-character description
};

/**
 * Hostile data: HTML, <script>, event handlers and command: links in the title, category, tags and
 * description. All of it must show as plain text, and nothing may run.
 */
export const HOSTILE = '394fc3523bf88a3992876e1de9538711';

/** Images: unsafe URLs (javascript:, data:, file:), a 3 MB cover, a cover that is not an image. */
export const IMAGES = {
  unsafeUrls: 'c99fadc11603d024d70cd66af2d7ff5a',
  largeCover: 'c9835c397650d1bc50dbf171c4673d51',
  brokenImages: '8598586dccb7d1bb5658f08dedf7f567',
  plainSnapshots: '748326c5b1237642f1ebda151aa4c5dd',
};

/**
 * Other regions. The sandbox sets vodLookup.fallbackRegions to cn-beijing and ap-southeast-1, so the first
 * two are found after a miss in cn-shanghai; Frankfurt is not in the list: its hover offers
 * "Search all regions".
 */
export const REGIONS = {
  beijing: '83e44555437efa157ec40f23f3c982d9', // cn-beijing
  singapore: '24dbeca5502e2065f71cf9a2b521ffb2', // ap-southeast-1
  frankfurt: '79ac952728075233f8f8a5bd786b0184', // eu-central-1
};

/** In no region at all: "not found". */
export const DELETED = 'b66f4d77ff6d8f5f2f0a1ef98b43871a';

/** Looks like a VideoId but is a transcoding template group: this marker keeps the hover quiet. */
export const TEMPLATE_GROUP = '9ae2af636ca64835b0c10412f44891f2'; // vod-lookup-ignore

/** Not VideoIds: part of a longer hex run, and upper case. Never matched. */
export const NOT_IDS = ['sha256:9b73864d75f14e5f60d231e9001cd5f89b73864d75f14e5f60d231e9001cd5f8', '9B73864D75F14E5F60D231E9001CD5F8'];
