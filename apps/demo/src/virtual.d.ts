declare module 'virtual:mnist-assets' {
  /** One gzip-compressed MNIST IDX file shipped with the app (see vite/mnist-assets.ts). */
  interface MnistAsset {
    key: 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';
    /** Relative to the app's base URL. */
    path: string;
    gzipBytes: number;
    /** Size once decompressed. */
    bytes: number;
  }
  const assets: MnistAsset[];
  export default assets;
}
