// Asks for the gpujs backend where gpu.js (an optional peer dependency) is not installed.
import { BackendError, setBackend } from '@initlab/tensor';

try {
  const name = await setBackend('gpujs');
  console.log(JSON.stringify({ loaded: name }));
} catch (error) {
  console.log(JSON.stringify({ isBackendError: error instanceof BackendError, message: error.message }));
}
