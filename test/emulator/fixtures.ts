// VideoIds in the emulator's default data (videos.json). These ids are stable: tests depend on them.
// Every id is 32 lower-case hex characters. Regions: where the video is stored; any other RegionId
// answers InvalidVideo.NotFound.

/** cn-shanghai. The GetVideoInfo API page's example: Title "Video title in ApsaraVideo VOD", string-typed numbers. */
export const EXAMPLE_VIDEO_ID = '9b73864d75f14e5f60d231e9001cd5f8';
export const EXAMPLE_VIDEO_TITLE = 'Video title in ApsaraVideo VOD';
/** cn-shanghai. Complete and healthy, real JSON numbers, Snapshots {Snapshot: [urls]}, UserData JSON string. */
export const NORMAL_ID = 'f95376143d1dd308125851568dbc595f';
/** cn-shanghai. Status Uploading; no CoverURL, Duration, Size or Snapshots. */
export const UPLOADING_ID = '3ce38f587f84dda6918201ee27ec4e17';
/** cn-shanghai. Status UploadFail. */
export const UPLOAD_FAIL_ID = 'adaaf3d4566f989a00d2f53914bc6173';
/** cn-shanghai. Status UploadSucc (Size, no Duration or cover yet). */
export const UPLOAD_SUCC_ID = '5926328fc1f8523f2c06d8bbe8215150';
/** cn-shanghai. Status Transcoding. */
export const TRANSCODING_ID = 'b8cd9013f7cfab402321df3269a6a9f6';
/** cn-shanghai. Status TranscodeFail. */
export const TRANSCODE_FAIL_ID = '30598924c0acd0a31af0b3935288eec9';
/** cn-shanghai. Status Blocked, AuditStatus Blocked. */
export const BLOCKED_ID = '95a7a39f6702039b039bec18a212e59c';
/** cn-shanghai. Snapshots as a plain array. */
export const PLAIN_SNAPSHOTS_ID = '748326c5b1237642f1ebda151aa4c5dd';
/** cn-shanghai. CoverURL javascript:alert(1); data:, file:, vbscript: snapshots beside one good one. */
export const UNSAFE_URLS_ID = 'c99fadc11603d024d70cd66af2d7ff5a';
/** cn-shanghai. HTML/script in Title, CateName, Tags; command: markdown links and U+202E in Description. */
export const HOSTILE_ID = '394fc3523bf88a3992876e1de9538711';
/** cn-shanghai. 128-char Title, 5,000-char Description (ends "END-OF-LONG-DESCRIPTION"), 16 Tags. */
export const LONG_TEXT_ID = '5cc144ee17446dc793ed48b71af2b71a';
/** cn-shanghai. Arabic Title, Hebrew Description. */
export const RTL_ID = '4d26af51780b7d196865a5851c4d1985';
/** cn-shanghai. Title "产品发布会 2026". */
export const CHINESE_ID = 'c6436e5fae66efefeb1b031e5854416e';
/** cn-shanghai. Emoji, ZWJ sequences and flags. */
export const EMOJI_ID = '585f6fd149097ef003bbb9f59c51e466';
/** cn-beijing. */
export const BEIJING_ID = '83e44555437efa157ec40f23f3c982d9';
/** ap-southeast-1. */
export const SINGAPORE_ID = '24dbeca5502e2065f71cf9a2b521ffb2';
/** eu-central-1. */
export const FRANKFURT_ID = '79ac952728075233f8f8a5bd786b0184';
/** cn-shanghai. CoverURL /media/large.png, about 3 MB. */
export const LARGE_COVER_ID = 'c9835c397650d1bc50dbf171c4673d51';
/** cn-shanghai. CoverURL not a PNG (served as image/png); snapshot URL answers 404. */
export const BROKEN_IMAGES_ID = '8598586dccb7d1bb5658f08dedf7f567';

/** In no region: always InvalidVideo.NotFound. */
export const NONEXISTENT_ID = 'b66f4d77ff6d8f5f2f0a1ef98b43871a';
/** The example's TemplateGroupId: looks like a VideoId but is not one (not in the data). */
export const TEMPLATE_GROUP_ID = '9ae2af636ca64835b0c10412f44891f2';

export type VideoStatus = 'Uploading' | 'UploadFail' | 'UploadSucc' | 'Transcoding' | 'TranscodeFail' | 'Blocked' | 'Normal';

export interface VideoFixture {
  id: string;
  regionId: string;
  status: VideoStatus;
}

/** Every video in the default data, with the region it is stored in. */
export const VIDEO_FIXTURES: readonly VideoFixture[] = [
  { id: EXAMPLE_VIDEO_ID, regionId: 'cn-shanghai', status: 'Normal' },
  { id: NORMAL_ID, regionId: 'cn-shanghai', status: 'Normal' },
  { id: UPLOADING_ID, regionId: 'cn-shanghai', status: 'Uploading' },
  { id: UPLOAD_FAIL_ID, regionId: 'cn-shanghai', status: 'UploadFail' },
  { id: UPLOAD_SUCC_ID, regionId: 'cn-shanghai', status: 'UploadSucc' },
  { id: TRANSCODING_ID, regionId: 'cn-shanghai', status: 'Transcoding' },
  { id: TRANSCODE_FAIL_ID, regionId: 'cn-shanghai', status: 'TranscodeFail' },
  { id: BLOCKED_ID, regionId: 'cn-shanghai', status: 'Blocked' },
  { id: PLAIN_SNAPSHOTS_ID, regionId: 'cn-shanghai', status: 'Normal' },
  { id: UNSAFE_URLS_ID, regionId: 'cn-shanghai', status: 'Normal' },
  { id: HOSTILE_ID, regionId: 'cn-shanghai', status: 'Normal' },
  { id: LONG_TEXT_ID, regionId: 'cn-shanghai', status: 'Normal' },
  { id: RTL_ID, regionId: 'cn-shanghai', status: 'Normal' },
  { id: CHINESE_ID, regionId: 'cn-shanghai', status: 'Normal' },
  { id: EMOJI_ID, regionId: 'cn-shanghai', status: 'Normal' },
  { id: BEIJING_ID, regionId: 'cn-beijing', status: 'Normal' },
  { id: SINGAPORE_ID, regionId: 'ap-southeast-1', status: 'Normal' },
  { id: FRANKFURT_ID, regionId: 'eu-central-1', status: 'Normal' },
  { id: LARGE_COVER_ID, regionId: 'cn-shanghai', status: 'Normal' },
  { id: BROKEN_IMAGES_ID, regionId: 'cn-shanghai', status: 'Normal' },
];

/** Images served at /media/<name>.png (160x90 PNGs), plus `large` (~3 MB PNG) and `broken` (not a PNG). */
export const MEDIA_PATHS = {
  exampleCover: '/media/cover-example.png',
  snapshot1: '/media/snapshot-1.png',
  large: '/media/large.png',
  broken: '/media/broken.png',
  missing: '/media/missing.png',
} as const;
