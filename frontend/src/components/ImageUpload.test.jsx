import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { images } from '../services/api.js';
import ImageUpload from './ImageUpload.jsx';

afterEach(() => vi.restoreAllMocks());

const file = (name, type, size) => new File([new Uint8Array(size)], name, { type });
const fail = (status, message) => Object.assign(new Error(message), { isApiError: true, status });

describe('ImageUpload', () => {
  it('shows the chosen file and its size, uploads it and hands over the image', async () => {
    const upload = vi.spyOn(images, 'upload').mockResolvedValue({ image_id: 'i1', url: '/api/images/i1' });
    const onUploaded = vi.fn();
    render(<ImageUpload worldId="w1" onUploaded={onUploaded} label="Image of Mira" />);
    const png = file('mira.png', 'image/png', 2048);
    fireEvent.change(screen.getByLabelText('Image of Mira'), { target: { files: [png] } });
    expect(screen.getByText('mira.png · 2.0 KB')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    await waitFor(() => expect(onUploaded).toHaveBeenCalledWith({ image_id: 'i1', url: '/api/images/i1' }));
    expect(upload).toHaveBeenCalledWith('w1', png);
  });

  it('refuses a file that is not an image before sending it', () => {
    const upload = vi.spyOn(images, 'upload');
    render(<ImageUpload worldId="w1" onUploaded={vi.fn()} />);
    fireEvent.change(screen.getByLabelText('Upload an image'), { target: { files: [file('setup.exe', 'application/x-msdownload', 10)] } });
    expect(screen.getByRole('alert')).toHaveTextContent('“setup.exe” is not a PNG, JPEG, WebP or GIF image.');
    expect(screen.queryByRole('button', { name: 'Upload' })).not.toBeInTheDocument();
    expect(upload).not.toHaveBeenCalled();
  });

  it.each([
    [413, 'The file is larger than 10,485,760 bytes', '“big.png” (12.0 MB): The file is larger than 10,485,760 bytes'],
    [415, 'Not a supported image: upload a PNG, JPEG, WebP or GIF file', '“big.png” (12.0 MB): Not a supported image: upload a PNG, JPEG, WebP or GIF file'],
    [400, 'The file is not a valid PNG image (damaged, truncated or not an image)', '“big.png” (12.0 MB): The file is not a valid PNG image (damaged, truncated or not an image)'],
  ])('says what a %i means: the file, then what the API said', async (status, said, shown) => {
    vi.spyOn(images, 'upload').mockRejectedValue(fail(status, said));
    render(<ImageUpload worldId="w1" onUploaded={vi.fn()} />);
    fireEvent.change(screen.getByLabelText('Upload an image'), { target: { files: [file('big.png', 'image/png', 12 * 1024 * 1024)] } });
    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(shown);
  });

  it('explains a refusal the API did not word', async () => {
    vi.spyOn(images, 'upload').mockRejectedValue(Object.assign(new Error(''), { status: 413 }));
    render(<ImageUpload worldId="w1" onUploaded={vi.fn()} />);
    fireEvent.change(screen.getByLabelText('Upload an image'), { target: { files: [file('big.png', 'image/png', 2048)] } });
    fireEvent.click(screen.getByRole('button', { name: 'Upload' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('“big.png” (2.0 KB) is too large to upload.');
  });
});
