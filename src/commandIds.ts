// Every command id, in one place (its own module, so any surface can import it without cycles).
export const Commands = {
  showVideoInfo: 'vodLookup.showVideoInfo',
  setCredentials: 'vodLookup.setCredentials',
  clearCredentials: 'vodLookup.clearCredentials',
  selectRegion: 'vodLookup.selectRegion',
  selectProfile: 'vodLookup.selectProfile',
  testConnection: 'vodLookup.testConnection',
  showLog: 'vodLookup.showLog',
  copyVideoId: 'vodLookup.copyVideoId',
  statusBarActions: 'vodLookup.statusBarActions',
  searchAllRegions: 'vodLookup.searchAllRegions',
} as const;
